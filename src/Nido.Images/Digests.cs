using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Nido.Images;

/// <summary>Content digests ("sha256:&lt;64 hex&gt;", "sha512:&lt;128 hex&gt;"): validation, computing, verifying streams.</summary>
public static partial class Digests
{
    public static void Validate(string digest, string what)
    {
        var m = DigestPattern().Match(digest);
        if (!m.Success) throw new ImageException($"{what}: invalid digest \"{digest}\" (expected sha256:<64 hex digits> or sha512:<128 hex digits>)");
    }

    public static string Algorithm(string digest) => digest[..digest.IndexOf(':')];

    public static string Hex(string digest) => digest[(digest.IndexOf(':') + 1)..];

    public static string Sha256(ReadOnlySpan<byte> data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    public static IncrementalHash Hasher(string digest) => Algorithm(digest) switch
    {
        "sha256" => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        "sha512" => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        var a => throw new ImageException($"unsupported digest algorithm \"{a}\""),
    };

    public static string Of(IncrementalHash hash, string algorithm) => algorithm + ":" + Convert.ToHexStringLower(hash.GetHashAndReset());

    [GeneratedRegex(@"^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})\z")]
    private static partial Regex DigestPattern();
}

/// <summary>A read-through stream that hashes and counts what passes, so a blob is verified while it is consumed.</summary>
public sealed class DigestingStream(Stream inner, string algorithm = "sha256", bool leaveOpen = false) : Nido.Linux.ReadOnlyStream
{
    private readonly IncrementalHash _hash = Digests.Hasher(algorithm + ":");

    public long BytesRead { get; private set; }

    /// <summary>The digest of everything read so far (call once, at the end).</summary>
    public string Digest() => Digests.Of(_hash, algorithm);


    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        BytesRead += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!leaveOpen) inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
