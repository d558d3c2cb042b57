using System.Security.Cryptography;

namespace Nido.Images.Tests;

public class DigestTests
{
    private const string AbcSha256 = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void Validate_accepts_sha256_and_sha512_forms()
    {
        Digests.Validate("sha256:" + new string('0', 64), "t");
        Digests.Validate(AbcSha256, "t");
        Digests.Validate("sha512:" + new string('f', 128), "t");
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("sha256:abc")]
    [InlineData("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")] // upper case
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0")] // 65 digits
    [InlineData("sha256:ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")] // not hex
    [InlineData("sha512:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")] // 64 digits for sha512
    [InlineData("sha384:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("md5:900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData(" sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad ")]
    [InlineData("sha256:../../../../../../../../../../../../../../../../../../etc/passwd")]
    public void Validate_rejects_other_forms_naming_what_and_the_digest(string digest)
    {
        var e = Assert.Throws<ImageException>(() => Digests.Validate(digest, "my layer"));
        Assert.StartsWith("my layer: invalid digest", e.Message);
        Assert.Contains($"\"{digest}\"", e.Message);
    }

    [Fact]
    public void Validate_rejects_a_digest_with_a_trailing_newline()
    {
        // .NET's "$" also matches before a final "\n": the digest (and a blob path built from it) would carry the newline.
        Assert.Throws<ImageException>(() => Digests.Validate(AbcSha256 + "\n", "t"));
    }

    [Fact]
    public void Sha256_of_abc_is_the_known_value()
    {
        Assert.Equal(AbcSha256, Digests.Sha256("abc"u8));
        Assert.Equal("sha256", Digests.Algorithm(AbcSha256));
        Assert.Equal(AbcSha256[7..], Digests.Hex(AbcSha256));
    }

    [Fact]
    public void Hasher_rejects_unknown_algorithms()
    {
        Assert.Contains("unsupported digest algorithm \"md5\"", Assert.Throws<ImageException>(() => Digests.Hasher("md5:00")).Message);
        Assert.Throws<ImageException>(() => new DigestingStream(Stream.Null, "sha1"));
    }

    [Fact]
    public void DigestingStream_hashes_and_counts_what_passes()
    {
        var data = new byte[200_000];
        new Random(1).NextBytes(data);
        using var s = new DigestingStream(new MemoryStream(data));
        var copy = new MemoryStream();
        var small = new byte[7];
        Assert.Equal(7, s.Read(small, 0, 7)); // array overload
        copy.Write(small);
        s.CopyTo(copy); // span overload
        Assert.Equal(data.Length, s.BytesRead);
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(Digests.Sha256(data), s.Digest());
    }

    [Fact]
    public async Task DigestingStream_async_reads_hash_too()
    {
        var data = new byte[70_000];
        new Random(2).NextBytes(data);
        using var s = new DigestingStream(new MemoryStream(data));
        await s.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken);
        Assert.Equal(data.Length, s.BytesRead);
        Assert.Equal(Digests.Sha256(data), s.Digest());
    }

    [Fact]
    public void DigestingStream_sha512_and_only_what_was_read()
    {
        var data = "hello world"u8.ToArray();
        using var s = new DigestingStream(new MemoryStream(data), "sha512");
        var buf = new byte[5];
        s.ReadExactly(buf);
        Assert.Equal(5, s.BytesRead);
        Assert.Equal("sha512:" + Convert.ToHexStringLower(SHA512.HashData(data.AsSpan(0, 5))), s.Digest());
    }

    [Fact]
    public void DigestingStream_leaveOpen_controls_the_inner_stream()
    {
        var inner = new MemoryStream([1, 2, 3]);
        new DigestingStream(inner, leaveOpen: true).Dispose();
        Assert.True(inner.CanRead);
        new DigestingStream(inner).Dispose();
        Assert.False(inner.CanRead);
    }

    [Fact]
    public void DigestingStream_is_read_only_and_not_seekable()
    {
        using var s = new DigestingStream(new MemoryStream());
        Assert.False(s.CanSeek);
        Assert.False(s.CanWrite);
        Assert.Throws<NotSupportedException>(() => s.Write([1], 0, 1));
        Assert.Throws<NotSupportedException>(() => s.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => s.Length);
    }
}
