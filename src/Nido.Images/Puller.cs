using System.Runtime.InteropServices;
using Nido.Images.Registry;
using Nido.Images.Store;
using Nido.Oci;
using Nido.Oci.Image;

namespace Nido.Images;

/// <summary>What a pull is doing, for progress display.</summary>
public sealed record PullProgress(string Id, string Status, long Current = 0, long Total = 0);

/// <summary>
/// `pull`: resolves a reference to a manifest (choosing the platform from an index), then fetches the config and the
/// layers not yet in the store, each verified by size and digest before it lands, and finally points the name at it.
/// </summary>
public sealed class Puller(ImageStore store, RegistryOptions options)
{
    public Image Pull(ImageReference reference, Platform? platform = null, Action<PullProgress>? progress = null, CancellationToken cancel = default)
    {
        platform ??= HostPlatform();
        using var client = new RegistryClient(reference.ApiHost, options);
        var (body, descriptor) = client.GetManifest(reference.Repository, reference.Reference);
        var where = reference.ToString();
        if (MediaTypes.IsIndex(descriptor.MediaType))
        {
            var index = OciJson.Parse(System.Text.Encoding.UTF8.GetString(body), ImageJsonContext.Default.ImageIndex, $"{where}: index");
            var chosen = Choose(index, platform, where);
            (body, descriptor) = client.GetManifest(reference.Repository, chosen.Digest);
            descriptor = descriptor with { Platform = chosen.Platform };
        }
        if (!MediaTypes.IsManifest(descriptor.MediaType))
            throw new ImageException($"{where}: unsupported manifest media type \"{descriptor.MediaType}\" (schema 1 and artifacts cannot be run)");
        var manifest = OciJson.Parse(System.Text.Encoding.UTF8.GetString(body), ImageJsonContext.Default.Manifest, $"{where}: manifest");
        ImageStore.ValidateManifest(manifest, where);

        Fetch(client, reference, manifest.Config!, progress, cancel);
        foreach (var layer in manifest.Layers ?? []) Fetch(client, reference, layer, progress, cancel);
        using (store.Lock())
        {
            store.Content.Ingest(body, descriptor);
            var image = store.Load(reference.ToString(), descriptor);
            store.Tag(reference.ToString(), descriptor);
            return image;
        }
    }

    private void Fetch(RegistryClient client, ImageReference reference, Descriptor blob, Action<PullProgress>? progress, CancellationToken cancel)
    {
        var id = Digests.Hex(blob.Digest)[..12];
        if (store.Content.Has(blob.Digest))
        {
            progress?.Invoke(new PullProgress(id, "Already exists", blob.Size, blob.Size));
            return;
        }
        progress?.Invoke(new PullProgress(id, "Downloading", 0, blob.Size));
        using var stream = client.GetBlob(reference.Repository, blob);
        try { store.Content.Ingest(stream, blob, done => progress?.Invoke(new PullProgress(id, "Downloading", done, blob.Size)), cancel); }
        catch (ImageException e) { throw new ImageException($"{reference}: {e.Message}"); }
        progress?.Invoke(new PullProgress(id, "Pull complete", blob.Size, blob.Size));
    }

    /// <summary>The index entry for the platform: os and architecture must match; a variant, when asked, too.</summary>
    internal static Descriptor Choose(ImageIndex index, Platform want, string where)
    {
        var candidates = (index.Manifests ?? []).Where(m => MediaTypes.IsManifest(m.MediaType) && m.Platform is { } p
            && p.Os == want.Os && p.Architecture == want.Architecture && (want.Variant is null || p.Variant == want.Variant)).ToList();
        // Without a requested variant, prefer the one Docker picks for the architecture (arm64 → v8), else the first.
        var chosen = candidates.FirstOrDefault(m => want.Variant is null && m.Platform!.Variant is null or "v8") ?? candidates.FirstOrDefault();
        if (chosen is null)
        {
            var offered = string.Join(", ", (index.Manifests ?? []).Where(m => m.Platform is not null).Select(m => m.Platform!.ToString()).Distinct());
            throw new ImageException($"{where}: no image for {want} (the index offers: {(offered.Length > 0 ? offered : "nothing runnable")})");
        }
        Digests.Validate(chosen.Digest, $"{where}: index entry");
        return chosen;
    }

    public static Platform HostPlatform() => new()
    {
        Os = "linux",
        Architecture = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64", Architecture.Arm64 => "arm64", Architecture.X86 => "386", Architecture.Arm => "arm",
            Architecture.RiscV64 => "riscv64", Architecture.S390x => "s390x", Architecture.Ppc64le => "ppc64le", var a => a.ToString().ToLowerInvariant(),
        },
    };

    /// <summary>Parses --platform os/arch[/variant].</summary>
    public static Platform ParsePlatform(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0)) throw new ImageException($"--platform {text}: expected os/arch[/variant]");
        return new Platform { Os = parts[0], Architecture = parts[1], Variant = parts.Length == 3 ? parts[2] : null };
    }
}
