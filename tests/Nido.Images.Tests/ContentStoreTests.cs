using System.Security.Cryptography;
using Nido.Images.Store;
using Nido.Oci.Image;

namespace Nido.Images.Tests;

public sealed class ContentStoreTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private readonly ContentStore _store;

    public ContentStoreTests() => _store = new ContentStore(_tmp.Path);

    public void Dispose() => _tmp.Dispose();

    private void Ingest(Stream source, Descriptor d, Action<long>? progress = null) => _store.Ingest(source, d, progress, TestContext.Current.CancellationToken);

    private static byte[] Data(int size, int seed = 7)
    {
        var b = new byte[size];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static Descriptor Describe(byte[] data) => new() { MediaType = MediaTypes.OciLayer, Digest = Digests.Sha256(data), Size = data.Length };

    private string[] FilesUnder(string sub) =>
        Directory.Exists(Path.Combine(_tmp.Path, sub)) ? Directory.GetFiles(Path.Combine(_tmp.Path, sub), "*", SearchOption.AllDirectories) : [];

    [Fact]
    public void Ingest_stores_the_blob_under_blobs_algorithm_hex()
    {
        var data = Data(150_000);
        var d = Describe(data);
        var progress = new List<long>();
        Ingest(new MemoryStream(data), d, progress.Add);
        var path = Path.Combine(_tmp.Path, "blobs", "sha256", Digests.Hex(d.Digest));
        Assert.Equal(path, _store.PathOf(d.Digest));
        Assert.Equal(data, File.ReadAllBytes(path));
        Assert.True(_store.Has(d.Digest));
        Assert.Equal(data.Length, _store.SizeOf(d.Digest));
        Assert.Equal([d.Digest], _store.List());
        Assert.Equal(data.Length, progress[^1]);
        Assert.Empty(FilesUnder("ingest"));
        Assert.Equal(data, _store.ReadAll(d.Digest));
    }

    [Fact]
    public void Empty_blob_is_ingested()
    {
        var d = Describe([]);
        Ingest(Stream.Null, d);
        Assert.Empty(_store.ReadAll(d.Digest));
    }

    [Fact]
    public void Sha512_blobs_are_verified_and_stored_under_sha512()
    {
        var data = Data(1000);
        var d = new Descriptor { MediaType = MediaTypes.OciLayer, Digest = "sha512:" + Convert.ToHexStringLower(SHA512.HashData(data)), Size = data.Length };
        Ingest(new MemoryStream(data), d);
        Assert.True(File.Exists(Path.Combine(_tmp.Path, "blobs", "sha512", Digests.Hex(d.Digest))));
        var wrong = d with { Digest = "sha512:" + new string('0', 128) };
        Assert.Contains("digest mismatch", Assert.Throws<ImageException>(() => Ingest(new MemoryStream(data), wrong)).Message);
    }

    [Fact]
    public void Wrong_digest_throws_digest_mismatch_and_leaves_no_file()
    {
        var data = Data(100_000);
        var claimed = Digests.Sha256("something else"u8);
        var e = Assert.Throws<ImageException>(() => Ingest(new MemoryStream(data), Describe(data) with { Digest = claimed }));
        Assert.Contains("digest mismatch", e.Message);
        Assert.Contains(claimed, e.Message);
        Assert.Contains(Digests.Sha256(data), e.Message);
        Assert.Empty(FilesUnder("blobs"));
        Assert.Empty(FilesUnder("ingest"));
        Assert.False(_store.Has(claimed));
    }

    [Fact]
    public void Too_short_stream_throws_size_mismatch()
    {
        var data = Data(1000);
        var e = Assert.Throws<ImageException>(() => Ingest(new MemoryStream(data[..999]), Describe(data)));
        Assert.Contains("size mismatch: expected 1000 bytes, got 999", e.Message);
        Assert.Empty(FilesUnder("blobs"));
        Assert.Empty(FilesUnder("ingest"));
    }

    [Fact]
    public void Too_long_stream_throws_size_mismatch_without_reading_it_all()
    {
        var data = Data(1000);
        var longer = new CountingStream(new MemoryStream([.. data, .. Data(1_000_000)]));
        var e = Assert.Throws<ImageException>(() => Ingest(longer, Describe(data)));
        Assert.Contains("size mismatch: expected 1000 bytes, got more", e.Message);
        Assert.True(longer.Total <= 1001, $"read {longer.Total} bytes of a blob promised as 1000");
        Assert.Empty(FilesUnder("blobs"));
        Assert.Empty(FilesUnder("ingest"));
    }

    [Fact]
    public void Negative_size_and_invalid_digest_are_rejected()
    {
        Assert.Contains("negative size", Assert.Throws<ImageException>(() => Ingest(Stream.Null, Describe([]) with { Size = -1 })).Message);
        Assert.Contains("invalid digest", Assert.Throws<ImageException>(() => Ingest(Stream.Null, Describe([]) with { Digest = "sha256:../../x" })).Message);
        Assert.Empty(FilesUnder("blobs"));
    }

    [Fact]
    public void Failing_source_stream_leaves_no_temporary_file()
    {
        var data = Data(300_000);
        Assert.Throws<IOException>(() => Ingest(new FailingStream(new MemoryStream(data), 100_000), Describe(data)));
        Assert.Empty(FilesUnder("ingest"));
        Assert.Empty(FilesUnder("blobs"));
    }

    [Fact]
    public void Cancellation_leaves_no_temporary_file()
    {
        var data = Data(300_000);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _store.Ingest(new MemoryStream(data), Describe(data), cancel: cts.Token));
        Assert.Empty(FilesUnder("ingest"));
        Assert.Empty(FilesUnder("blobs"));
    }

    [Fact]
    public void ReadAll_detects_a_blob_corrupted_on_disk()
    {
        var d = _store.Put("{\"hello\":1}"u8.ToArray(), MediaTypes.OciConfig);
        File.WriteAllText(_store.PathOf(d.Digest), "{\"hello\":2}");
        var e = Assert.Throws<ImageException>(() => _store.ReadAll(d.Digest));
        Assert.Contains("corrupt", e.Message);
        Assert.Contains(d.Digest, e.Message);
    }

    [Fact]
    public void ReadAll_detects_a_corrupted_sha512_blob_too()
    {
        var data = "{\"hello\":1}"u8.ToArray();
        var d = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = "sha512:" + Convert.ToHexStringLower(SHA512.HashData(data)), Size = data.Length };
        _store.Ingest(data, d);
        Assert.Equal(data, _store.ReadAll(d.Digest));
        File.WriteAllText(_store.PathOf(d.Digest), "{\"hello\":2}");
        Assert.Throws<ImageException>(() => _store.ReadAll(d.Digest));
    }

    [Fact]
    public void ReadAll_rejects_missing_and_oversized_blobs()
    {
        var missing = Digests.Sha256("nope"u8);
        Assert.Contains("is not in the store", Assert.Throws<ImageException>(() => _store.ReadAll(missing)).Message);
        var d = _store.Put(Data(2000), MediaTypes.OciLayer);
        Assert.Contains("more than the 1000 allowed", Assert.Throws<ImageException>(() => _store.ReadAll(d.Digest, maxSize: 1000)).Message);
    }

    [Fact]
    public void Put_is_idempotent()
    {
        var data = Data(5000);
        var a = _store.Put(data, MediaTypes.OciLayer);
        var before = File.GetLastWriteTimeUtc(_store.PathOf(a.Digest));
        var b = _store.Put(data, MediaTypes.OciLayer);
        Assert.Equal(a, b);
        Assert.Equal(Digests.Sha256(data), a.Digest);
        Assert.Equal(5000, a.Size);
        Assert.Equal(before, File.GetLastWriteTimeUtc(_store.PathOf(a.Digest)));
        Assert.Single(_store.List());
    }

    [Fact]
    public void Delete_removes_a_blob()
    {
        var d = _store.Put(Data(10), MediaTypes.OciLayer);
        _store.Delete(d.Digest);
        Assert.False(_store.Has(d.Digest));
        Assert.Empty(_store.List());
    }

    [Fact]
    public void RemoveAbandonedIngests_keeps_live_writers_files_only()
    {
        var ingest = _tmp.Sub("ingest");
        var live = Path.Combine(ingest, $"0123456789abcdef-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var dead = Path.Combine(ingest, $"0123456789abcdef-{int.MaxValue}-{Guid.NewGuid():N}");
        var junk = Path.Combine(ingest, "junk");
        foreach (var f in new[] { live, dead, junk }) File.WriteAllText(f, "x");
        _store.RemoveAbandonedIngests();
        Assert.True(File.Exists(live));
        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(junk));
    }

    private sealed class CountingStream(Stream inner) : Nido.Linux.ReadOnlyStream
    {
        public long Total { get; private set; }
        public override int Read(Span<byte> buffer) { var n = inner.Read(buffer); Total += n; return n; }
    }

    private sealed class FailingStream(Stream inner, long failAfter) : Nido.Linux.ReadOnlyStream
    {
        private long _total;
        public override int Read(Span<byte> buffer)
        {
            if (_total >= failAfter) throw new IOException("connection reset");
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, failAfter - _total)]);
            _total += n;
            return n;
        }
    }
}
