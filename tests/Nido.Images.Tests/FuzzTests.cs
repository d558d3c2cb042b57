using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Nido.Images.Layers;
using Nido.Images.Registry;
using Nido.Oci;
using Nido.Oci.Image;

namespace Nido.Images.Tests;

/// <summary>
/// Deterministic fuzzing (fixed seeds): hostile input may only ever be refused with the component's own exception type.
/// A failure lists each distinct escaping exception once, with the seed and iteration that reproduce it.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private const string Marker = "nido-fuzz-pwned";
    private readonly TempDir _tmp = new();

    public void Dispose()
    {
        foreach (var dir in new[] { "/", "/etc", "/tmp", "/root" })
            Assert.False(File.Exists(Path.Combine(dir, Marker)), $"fuzzing wrote {Path.Combine(dir, Marker)}");
        _tmp.Dispose();
    }

    /// <summary>Escaped exceptions, one per (type, throwing frame), with how to reproduce the first.</summary>
    private sealed class Escapes
    {
        private readonly Dictionary<string, string> _seen = [];

        public void Add(Exception e, string repro)
        {
            var frames = (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).ToArray();
            var frame = frames.FirstOrDefault(l => l.Contains(" Nido.")) ?? "";
            var top = frames.FirstOrDefault() ?? "";
            var key = e.GetType().FullName + " @ " + frame;
            _seen.TryAdd(key, $"{e.GetType().FullName}: {Truncate(e.Message, 300)}\n      thrown {top}\n      via {frame}\n      first at {repro}");
        }

        public void AssertNone(string what) =>
            Assert.True(_seen.Count == 0, $"{what}: {_seen.Count} kind(s) of unexpected exception:\n  " + string.Join("\n  ", _seen.Values));

        private static string Truncate(string s, int n) => s.Length <= n ? s : s[..n] + "…";
    }

    // --- tar layers ---

    private byte[][] TarCorpus(string outside)
    {
        var corpus = new List<byte[]>();
        using (var t = new TarBuilder())
        {
            var xattr = new PaxTarEntry(TarEntryType.RegularFile, "a/xa", new Dictionary<string, string> { ["SCHILY.xattr.user.k"] = "v" })
            { DataStream = new MemoryStream("xattr"u8.ToArray()), Mode = (UnixFileMode)0x1a4 };
            corpus.Add(t.Dir("a/").File("a/x", "xx").File("a/s", "suid", mode: 0x9ed, uid: 5, gid: 6).Symlink("a/l", "/").File($"a/l/{Marker}", "!")
                .HardLink("a/h", "a/x").Fifo("a/p").CharDevice("a/c", 1, 3).File("a/.wh.x").Add(xattr).Dir("b/").File("b/.wh..wh..opq").Build());
        }
        using (var t = new TarBuilder(TarEntryFormat.Ustar))
            corpus.Add(t.Dir("d1/").File(string.Join('/', Enumerable.Repeat("long-directory-name", 7)) + "/f", "deep")
                .Symlink("up", "../../..").File($"up/{Marker}", "!").Symlink("o", outside).File($"o/{Marker}", "!").Build());
        using (var t = new TarBuilder(TarEntryFormat.Gnu))
            corpus.Add(t.File(new string('g', 150), "gnu long name").Symlink("gl", new string('t', 150)).HardLink("gh", new string('g', 150)).Dir("e/").File("e/f", "1").Build());
        using (var t = new TarBuilder())
            corpus.Add(t.Dir("d/").Dir("d/sub/").File("d/sub/f", "f").Symlink("e", outside).File("e/.wh.sub").File("e/.wh..wh..opq")
                .File(string.Join('/', Enumerable.Repeat("long-pax-path", 12)), "pax long path").Build());
        using (var t = new TarBuilder(TarEntryFormat.V7))
            corpus.Add(t.Add(new V7TarEntry(TarEntryType.V7RegularFile, "v7file") { DataStream = new MemoryStream("v7"u8.ToArray()) })
                .Add(new V7TarEntry(TarEntryType.Directory, "v7dir/")).Add(new V7TarEntry(TarEntryType.SymbolicLink, "v7link") { LinkName = "/" }).Build());
        return [.. corpus];
    }

    /// <summary>Offsets of the 512-byte headers of a well-formed tar.</summary>
    private static List<int> Headers(byte[] tar)
    {
        var result = new List<int>();
        var at = 0;
        while (at + 512 <= tar.Length && tar[at] != 0)
        {
            result.Add(at);
            var size = Convert.ToInt64(Encoding.ASCII.GetString(tar, at + 124, 12).Trim('\0', ' ') is { Length: > 0 } s ? s : "0", 8);
            at += 512 + (int)((size + 511) / 512 * 512);
        }
        return result;
    }

    // name, mode, uid, gid, size, mtime, typeflag, linkname, magic+version, devmajor, devminor, prefix
    private static readonly (int Offset, int Length)[] Fields =
        [(0, 100), (100, 8), (108, 8), (116, 8), (124, 12), (136, 12), (156, 1), (157, 100), (257, 8), (329, 8), (337, 8), (345, 155)];

    private static readonly byte[] Interesting = "01234567 \0/.a.wh.\x80\xff\n=xgLKS"u8.ToArray().Concat(Encoding.ASCII.GetBytes("..")).ToArray();

    private static byte[] Mutate(byte[] original, List<int> headers, Random random)
    {
        var tar = (byte[])original.Clone();
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds; r++)
        {
            switch (random.Next(10))
            {
                case < 6: // a header field, usually with a valid checksum so the reader believes it
                {
                    var h = headers[random.Next(headers.Count)];
                    var (offset, length) = Fields[random.Next(Fields.Length)];
                    var n = random.Next(1, Math.Min(length, 6) + 1);
                    var start = h + offset + random.Next(length - n + 1);
                    for (var i = 0; i < n; i++)
                        tar[start + i] = random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
                    if (random.Next(8) != 0) RawTar.FixChecksum(tar, h);
                    break;
                }
                case < 8: // anywhere: data, pax records, padding
                {
                    var i = random.Next(tar.Length);
                    tar[i] = random.Next(2) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
                    break;
                }
                case 8: // truncate
                    return tar[..random.Next(tar.Length)];
                default: // repeat a block
                {
                    var block = random.Next(tar.Length / 512) * 512;
                    var at = random.Next(tar.Length / 512) * 512;
                    tar = [.. tar[..at], .. tar.AsSpan(block, 512), .. tar[at..]];
                    break;
                }
            }
        }
        return tar;
    }

    private void UnpackExpectingOnlyImageException(byte[] input, WhiteoutMode mode, string dir, Escapes escapes, string repro)
    {
        Directory.CreateDirectory(dir);
        var root = Path.Combine(dir, "root");
        Directory.CreateDirectory(root);
        try { LayerUnpacker.Unpack(new MemoryStream(input), root, mode, "fuzz"); }
        catch (ImageException) { }
        catch (Exception e) { escapes.Add(e, repro); }
        var beside = Directory.GetFileSystemEntries(dir);
        Assert.True(beside.Length == 1 && beside[0] == root, $"{repro}: wrote beside the root: {string.Join(", ", beside)}");
        Snapshotter.RemoveTree(dir);
    }

    [Fact]
    public void Random_bytes_into_LayerUnpacker_only_throw_ImageException()
    {
        Requires.Root();
        const int seed = 1001;
        var random = new Random(seed);
        var escapes = new Escapes();
        for (var i = 0; i < 400; i++)
        {
            var data = new byte[random.Next(0, 3000)];
            random.NextBytes(data);
            if (i % 3 == 0 && data.Length >= 512) // a plausible header start, so parsing goes further
            {
                Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(data, 257);
                RawTar.FixChecksum(data, 0);
            }
            UnpackExpectingOnlyImageException(data, i % 2 == 0 ? WhiteoutMode.Apply : WhiteoutMode.Overlay, _tmp.File($"r{i}"), escapes, $"seed {seed} iteration {i}");
        }
        escapes.AssertNone("random bytes into LayerUnpacker.Unpack");
    }

    [Fact]
    public void Mutated_tars_into_LayerUnpacker_only_throw_ImageException_and_stay_inside_the_root()
    {
        Requires.Root();
        const int seed = 2002;
        var random = new Random(seed);
        var outside = _tmp.Sub("outside");
        var corpus = TarCorpus(outside);
        var headers = corpus.Select(Headers).ToArray();
        var escapes = new Escapes();
        for (var i = 0; i < 2000; i++)
        {
            var pick = random.Next(corpus.Length);
            var input = Mutate(corpus[pick], headers[pick], random);
            UnpackExpectingOnlyImageException(input, i % 2 == 0 ? WhiteoutMode.Apply : WhiteoutMode.Overlay, _tmp.File($"m{i}"), escapes, $"seed {seed} iteration {i} (corpus #{pick})");
        }
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        escapes.AssertNone("mutated tars into LayerUnpacker.Unpack");
    }

    [Fact]
    public void Mutated_gzip_layers_only_throw_ImageException()
    {
        Requires.Root();
        const int seed = 3003;
        var random = new Random(seed);
        var escapes = new Escapes();
        var outside = _tmp.Sub("outside");
        var gz = TarCorpus(outside).Select(t =>
        {
            var m = new MemoryStream();
            using (var z = new GZipStream(m, CompressionLevel.Fastest, leaveOpen: true)) z.Write(t);
            return m.ToArray();
        }).ToArray();
        for (var i = 0; i < 300; i++)
        {
            var blob = (byte[])gz[random.Next(gz.Length)].Clone();
            for (var k = random.Next(1, 4); k > 0; k--) blob[random.Next(blob.Length)] = (byte)random.Next(256);
            if (random.Next(4) == 0) blob = blob[..random.Next(blob.Length)];
            var dir = _tmp.File($"g{i}");
            Directory.CreateDirectory(Path.Combine(dir, "root"));
            try
            {
                using var tar = Decompression.Open(new MemoryStream(blob), MediaTypes.OciLayerGzip, "fuzz");
                LayerUnpacker.Unpack(tar, Path.Combine(dir, "root"), WhiteoutMode.Apply, "fuzz");
            }
            catch (ImageException) { }
            catch (Exception e) { escapes.Add(e, $"seed {seed} iteration {i}"); }
            Snapshotter.RemoveTree(dir);
        }
        escapes.AssertNone("mutated gzip layers");
    }

    // --- JSON documents ---

    private static readonly string[] JsonCorpus =
    [
        OciJson.Write(new Manifest
        {
            SchemaVersion = 2, MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digests.Sha256("c"u8), Size = 10 },
            Layers = [new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digests.Sha256("l"u8), Size = 20, Annotations = new() { ["k"] = "v" }, Urls = ["https://x"] }],
        }, ImageJsonContext.Default.Manifest),
        OciJson.Write(new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests = [new Descriptor { MediaType = MediaTypes.OciManifest, Digest = Digests.Sha256("m"u8), Size = 30, Platform = new Platform { Os = "linux", Architecture = "arm64", Variant = "v8", OsFeatures = ["f"] } }],
            Annotations = new() { [Annotations.RefName] = "latest" },
        }, ImageJsonContext.Default.ImageIndex),
        OciJson.Write(new ImageConfig
        {
            Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), Architecture = "amd64", Os = "linux",
            Config = new RunConfig { Env = ["A=1"], Cmd = ["sh"], Labels = new() { ["l"] = "v" }, ExposedPorts = new() { ["80/tcp"] = System.Text.Json.JsonDocument.Parse("{}").RootElement.Clone() }, User = "1:2", WorkingDir = "/" },
            Rootfs = new RootFs { DiffIds = [Digests.Sha256("d"u8)] },
            History = [new History { CreatedBy = "x", EmptyLayer = true }],
        }, ImageJsonContext.Default.ImageConfig),
    ];

    private static readonly string[] JsonTokens = ["{", "}", "[", "]", "\"", ":", ",", "null", "true", "-", "1e999", "0.5", "-1", "9999999999999999999999", "\"\\u0000\"", "\"\\ud800\"", "/*", "//", "\"2024-13-45T99:99:99Z\"", "{\"a\":{\"b\":[]}}", new string('[', 100)];

    private static string MutateJson(string json, Random random)
    {
        var sb = new StringBuilder(json);
        for (var r = random.Next(1, 4); r > 0 && sb.Length > 0; r--)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(4))
            {
                case 0: sb.Remove(at, Math.Min(random.Next(1, 8), sb.Length - at)); break;
                case 1: sb.Insert(at, JsonTokens[random.Next(JsonTokens.Length)]); break;
                case 2: sb[at] = (char)random.Next(32, 127); break;
                default: sb.Length = at; break;
            }
        }
        return sb.ToString();
    }

    private static void ParseAll(string json, Escapes escapes, string repro)
    {
        void One<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        {
            try { OciJson.Parse(json, type, "fuzz"); }
            catch (OciException) { }
            catch (Exception e) { escapes.Add(e, $"{repro}: {Encoding.UTF8.GetByteCount(json)} bytes"); }
        }
        One(ImageJsonContext.Default.Manifest);
        One(ImageJsonContext.Default.ImageIndex);
        One(ImageJsonContext.Default.ImageConfig);
    }

    [Fact]
    public void Mutated_json_into_OciJson_Parse_only_throws_OciException()
    {
        const int seed = 4004;
        var random = new Random(seed);
        var escapes = new Escapes();
        foreach (var json in JsonCorpus) ParseAll(json, escapes, "corpus");
        for (var i = 0; i < 1500; i++)
            ParseAll(MutateJson(JsonCorpus[random.Next(JsonCorpus.Length)], random), escapes, $"seed {seed} iteration {i}");
        escapes.AssertNone("mutated JSON into OciJson.Parse");
    }

    [Fact]
    public void Random_bytes_as_json_into_OciJson_Parse_only_throw_OciException()
    {
        const int seed = 5005;
        var random = new Random(seed);
        var escapes = new Escapes();
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            ParseAll(Encoding.UTF8.GetString(bytes), escapes, $"seed {seed} iteration {i}"); // as the callers decode blobs
        }
        escapes.AssertNone("random bytes into OciJson.Parse");
    }

    [Fact]
    public void Json_with_a_lone_surrogate_is_an_OciException()
    {
        // OciJson.Parse takes any .NET string; one with an unpaired surrogate cannot be transcoded to UTF-8.
        Assert.Throws<OciException>(() => OciJson.Parse("{\"mediaType\":\"\ud800\"}", ImageJsonContext.Default.Manifest, "t"));
    }

    // --- references and challenges ---

    private const string ReferenceAlphabet = "abcxyz019ABZ:/@._-  \n\t%é";

    private static string RandomReference(Random random)
    {
        var sb = new StringBuilder();
        var parts = random.Next(1, 6);
        for (var p = 0; p < parts; p++)
        {
            switch (random.Next(8))
            {
                case 0:
                    var hex = new byte[16];
                    random.NextBytes(hex);
                    sb.Append("sha256:").Append(Convert.ToHexStringLower(hex)[..random.Next(33)]).Append(new string('a', random.Next(2) * 32));
                    break;
                case 1: sb.Append(random.Next(2) == 0 ? "localhost:5000/" : "docker.io/"); break;
                case 2: sb.Append('@'); break;
                default:
                    for (var n = random.Next(1, 12); n > 0; n--) sb.Append(ReferenceAlphabet[random.Next(ReferenceAlphabet.Length)]);
                    break;
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void Random_strings_into_ImageReference_Parse_only_throw_ImageException()
    {
        const int seed = 6006;
        var random = new Random(seed);
        var escapes = new Escapes();
        var accepted = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var text = RandomReference(random);
            try
            {
                var r = ImageReference.Parse(text);
                Assert.Equal(r, ImageReference.Parse(r.ToString()));
                if (r.ToString().Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) accepted.Add(text);
            }
            catch (ImageException) { }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException) { escapes.Add(e, $"seed {seed} iteration {i}: \"{text}\""); }
        }
        escapes.AssertNone("random strings into ImageReference.Parse");
        Assert.True(accepted.Count == 0, $"accepted references with whitespace or control characters: {string.Join(", ", accepted.Take(5).Select(a => $"\"{a.ReplaceLineEndings("\\n")}\""))}");
    }

    [Fact]
    public void Random_headers_into_AuthChallenge_Parse_never_throw()
    {
        const int seed = 7007;
        var random = new Random(seed);
        const string alphabet = "Bearer Basic realm=\"\\,= \t\"scope:/";
        for (var i = 0; i < 3000; i++)
        {
            var sb = new StringBuilder();
            for (var n = random.Next(0, 60); n > 0; n--)
                sb.Append(random.Next(5) == 0 ? (char)random.Next(0, 0x3000) : alphabet[random.Next(alphabet.Length)]);
            var header = sb.ToString();
            var c = AuthChallenge.Parse(header);
            if (!string.IsNullOrWhiteSpace(header)) Assert.NotNull(c);
        }
    }
}
