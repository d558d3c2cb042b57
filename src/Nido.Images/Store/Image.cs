using Nido.Oci.Image;

namespace Nido.Images.Store;

/// <summary>An image in the store: the name it is listed under, its manifest and its configuration.</summary>
public sealed record Image(string? Name, Descriptor ManifestDescriptor, Manifest Manifest, ImageConfig Config)
{
    /// <summary>The image id, Docker's way: the digest of its configuration.</summary>
    public string Id => Manifest.Config!.Digest;

    public string ShortId => Digests.Hex(Id)[..12];

    public IReadOnlyList<Descriptor> Layers => Manifest.Layers ?? [];

    public IReadOnlyList<string> DiffIds => Config.Rootfs?.DiffIds ?? [];

    /// <summary>Bytes in the store: compressed layers plus the config.</summary>
    public long Size => Layers.Sum(l => l.Size) + Manifest.Config!.Size;

    /// <summary>The chain ids of the layers, bottom first (image-spec: ChainID(n) = sha256(ChainID(n-1) + " " + DiffID(n))).</summary>
    public IReadOnlyList<string> ChainIds
    {
        get
        {
            var result = new List<string>();
            string? chain = null;
            foreach (var diff in DiffIds)
            {
                chain = chain is null ? diff : Digests.Sha256(System.Text.Encoding.ASCII.GetBytes($"{chain} {diff}"));
                result.Add(chain);
            }
            return result;
        }
    }
}
