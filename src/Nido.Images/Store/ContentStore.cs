using Nido.Oci.Image;

namespace Nido.Images.Store;

/// <summary>
/// Blobs by digest under blobs/&lt;alg&gt;/&lt;hex&gt; (the OCI layout's own scheme). A blob enters only through
/// <see cref="Ingest"/>, which writes to a temporary file, checks size and digest, and renames: a blob in place is
/// always complete and correct, whatever happened to the writer.
/// </summary>
public sealed class ContentStore(string root)
{
    public string Root { get; } = root;

    private string IngestDir => Path.Combine(Root, "ingest");

    public string PathOf(string digest)
    {
        Digests.Validate(digest, "blob");
        return Path.Combine(Root, "blobs", Digests.Algorithm(digest), Digests.Hex(digest));
    }

    public bool Has(string digest) => File.Exists(PathOf(digest));

    public long SizeOf(string digest) => new FileInfo(PathOf(digest)).Length;

    /// <summary>Copies <paramref name="source"/> into the store as the blob <paramref name="expected"/> describes; rejects a wrong size or digest.</summary>
    public void Ingest(Stream source, Descriptor expected, Action<long>? progress = null, CancellationToken cancel = default)
    {
        var final = PathOf(expected.Digest);
        if (expected.Size < 0) throw new ImageException($"blob {expected.Digest}: negative size {expected.Size}");
        Directory.CreateDirectory(IngestDir);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temp = Path.Combine(IngestDir, $"{Digests.Hex(expected.Digest)[..16]}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var hashing = new DigestingStream(source, Digests.Algorithm(expected.Digest), leaveOpen: true))
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var buffer = new byte[1 << 16];
                while (true)
                {
                    cancel.ThrowIfCancellationRequested();
                    // Never read more than the descriptor promises (plus one byte to notice an overlong blob).
                    var want = (int)Math.Min(buffer.Length, expected.Size + 1 - hashing.BytesRead);
                    if (want <= 0) break;
                    var n = hashing.Read(buffer, 0, want);
                    if (n == 0) break;
                    file.Write(buffer, 0, n);
                    progress?.Invoke(hashing.BytesRead);
                }
                if (hashing.BytesRead != expected.Size)
                    throw new ImageException($"blob {expected.Digest}: size mismatch: expected {expected.Size} bytes, got {(hashing.BytesRead > expected.Size ? "more" : hashing.BytesRead.ToString())}");
                var actual = hashing.Digest();
                if (actual != expected.Digest)
                    throw new ImageException($"blob {expected.Digest}: digest mismatch: the content hashes to {actual}");
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, final, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public void Ingest(ReadOnlySpan<byte> data, Descriptor expected)
    {
        using var stream = new MemoryStream(data.ToArray());
        Ingest(stream, expected);
    }

    /// <summary>Stores bytes under their sha256 digest; returns the descriptor.</summary>
    public Descriptor Put(byte[] data, string mediaType)
    {
        var descriptor = new Descriptor { MediaType = mediaType, Digest = Digests.Sha256(data), Size = data.Length };
        if (!Has(descriptor.Digest)) Ingest(data, descriptor);
        return descriptor;
    }

    public Stream Open(string digest)
    {
        try { return new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (FileNotFoundException) { throw new ImageException($"blob {digest} is not in the store"); }
        catch (DirectoryNotFoundException) { throw new ImageException($"blob {digest} is not in the store"); }
    }

    /// <summary>Reads a small blob (manifest, config) whole, re-checking its digest: a store damaged on disk is noticed.</summary>
    public byte[] ReadAll(string digest, long maxSize = 4 << 20)
    {
        using var stream = Open(digest);
        if (stream.Length > maxSize) throw new ImageException($"blob {digest}: {stream.Length} bytes is more than the {maxSize} allowed for a manifest or config");
        var data = new byte[stream.Length];
        stream.ReadExactly(data);
        using var hash = Digests.Hasher(digest);
        hash.AppendData(data);
        var actual = Digests.Of(hash, Digests.Algorithm(digest));
        if (actual != digest)
            throw new ImageException($"blob {digest} in the store is corrupt (its content hashes to {actual}); remove the image and pull it again");
        return data;
    }

    public IEnumerable<string> List()
    {
        var blobs = Path.Combine(Root, "blobs");
        if (!Directory.Exists(blobs)) yield break;
        foreach (var alg in Directory.EnumerateDirectories(blobs))
            foreach (var file in Directory.EnumerateFiles(alg))
                yield return $"{Path.GetFileName(alg)}:{Path.GetFileName(file)}";
    }

    public void Delete(string digest) => File.Delete(PathOf(digest));

    /// <summary>Removes temporary files of ingests whose writer is gone (killed midway).</summary>
    public void RemoveAbandonedIngests()
    {
        if (!Directory.Exists(IngestDir)) return;
        foreach (var file in Directory.EnumerateFiles(IngestDir))
        {
            var parts = Path.GetFileName(file).Split('-');
            if (parts.Length == 3 && int.TryParse(parts[1], out var pid) && Directory.Exists($"/proc/{pid}")) continue;
            File.Delete(file);
        }
    }
}
