using Nido.Images.Registry;
using Nido.Oci.Image;

namespace Nido.Images.Tests;

public class RegistryParsingTests
{
    // --- WWW-Authenticate ---

    [Fact]
    public void Bearer_challenge_gives_realm_service_and_scope()
    {
        var c = AuthChallenge.Parse("""Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull" """)!;
        Assert.Equal("Bearer", c.Scheme);
        Assert.Equal("https://auth.docker.io/token", c.Parameters["realm"]);
        Assert.Equal("registry.docker.io", c.Parameters["service"]);
        Assert.Equal("repository:library/busybox:pull", c.Parameters["scope"]);
        Assert.Equal("https://auth.docker.io/token", c.Parameters["REALM"]); // parameter names are case-insensitive
        Assert.Equal(3, c.Parameters.Count);
    }

    [Fact]
    public void Basic_challenge()
    {
        var c = AuthChallenge.Parse("""Basic realm="x" """)!;
        Assert.Equal("Basic", c.Scheme);
        Assert.Equal("x", Assert.Single(c.Parameters).Value);
    }

    [Fact]
    public void Scheme_without_parameters()
    {
        var c = AuthChallenge.Parse("Negotiate")!;
        Assert.Equal("Negotiate", c.Scheme);
        Assert.Empty(c.Parameters);
    }

    [Fact]
    public void Quoted_values_keep_escaped_quotes_commas_and_spaces()
    {
        var c = AuthChallenge.Parse("""Bearer realm="a \"quoted\" realm, with comma",error="insufficient_scope", scope="x\\y" """)!;
        Assert.Equal("a \"quoted\" realm, with comma", c.Parameters["realm"]);
        Assert.Equal("insufficient_scope", c.Parameters["error"]);
        Assert.Equal("x\\y", c.Parameters["scope"]);
    }

    [Fact]
    public void Token_values_and_spaces_around_commas()
    {
        var c = AuthChallenge.Parse("Bearer realm=https://h/token , service=reg ,scope=a:b:pull")!;
        Assert.Equal("https://h/token", c.Parameters["realm"]);
        Assert.Equal("reg", c.Parameters["service"]);
        Assert.Equal("a:b:pull", c.Parameters["scope"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_header_is_null(string? header) => Assert.Null(AuthChallenge.Parse(header));

    [Theory]
    [InlineData("Bearer realm=\"unterminated")]
    [InlineData("Bearer realm=\"ends with backslash\\")]
    [InlineData("Bearer ====")]
    [InlineData("Bearer =\"x\"")]
    [InlineData("Bearer ,,,,")]
    [InlineData("Bearer realm")]
    [InlineData("Bearer realm=")]
    [InlineData("Bearer realm=\"\"")]
    [InlineData("\"\"\"")]
    [InlineData("Bearer a=\"b\"c=d")]
    [InlineData("\u0000\u0001 \u00ff=\u2603")]
    public void Garbage_does_not_crash(string header)
    {
        var c = AuthChallenge.Parse(header);
        Assert.NotNull(c);
        Assert.DoesNotContain("", c.Parameters.Keys);
    }

    [Fact]
    public void Unterminated_quote_takes_the_rest()
    {
        Assert.Equal("unterminated", AuthChallenge.Parse("Bearer realm=\"unterminated")!.Parameters["realm"]);
    }

    // --- platform choice ---

    private static readonly string D1 = Digests.Sha256("amd64"u8), D2 = Digests.Sha256("arm64v8"u8), D3 = Digests.Sha256("armv7"u8),
        D4 = Digests.Sha256("armv6"u8), D5 = Digests.Sha256("arm64v9"u8), D6 = Digests.Sha256("attestation"u8), D7 = Digests.Sha256("s390x"u8);

    private static Descriptor Entry(string digest, string os, string arch, string? variant = null, string mediaType = MediaTypes.OciManifest) =>
        new() { MediaType = mediaType, Digest = digest, Size = 100, Platform = new Platform { Os = os, Architecture = arch, Variant = variant } };

    private static ImageIndex Index(params Descriptor[] manifests) => new() { MediaType = MediaTypes.OciIndex, Manifests = [.. manifests] };

    private static readonly ImageIndex Multi = Index(
        Entry(D6, "unknown", "unknown", mediaType: "application/vnd.in-toto+json"),
        Entry(D3, "linux", "arm", "v7"),
        Entry(D4, "linux", "arm", "v6"),
        Entry(D5, "linux", "arm64", "v9"),
        Entry(D2, "linux", "arm64", "v8"),
        Entry(D1, "linux", "amd64"),
        Entry(D7, "linux", "s390x", mediaType: MediaTypes.DockerManifest));

    [Fact]
    public void Choose_picks_linux_amd64()
    {
        Assert.Equal(D1, Puller.Choose(Multi, new Platform { Os = "linux", Architecture = "amd64" }, "t").Digest);
        Assert.Equal(D7, Puller.Choose(Multi, new Platform { Os = "linux", Architecture = "s390x" }, "t").Digest); // Docker media type too
    }

    [Fact]
    public void Choose_prefers_arm64_v8_when_no_variant_is_asked()
    {
        Assert.Equal(D2, Puller.Choose(Multi, Puller.ParsePlatform("linux/arm64"), "t").Digest);
    }

    [Fact]
    public void Choose_takes_the_first_match_when_none_is_preferred()
    {
        Assert.Equal(D3, Puller.Choose(Multi, Puller.ParsePlatform("linux/arm"), "t").Digest);
    }

    [Fact]
    public void Choose_honours_a_requested_variant()
    {
        Assert.Equal(D4, Puller.Choose(Multi, Puller.ParsePlatform("linux/arm/v6"), "t").Digest);
        Assert.Equal(D3, Puller.Choose(Multi, Puller.ParsePlatform("linux/arm/v7"), "t").Digest);
        Assert.Equal(D5, Puller.Choose(Multi, Puller.ParsePlatform("linux/arm64/v9"), "t").Digest);
    }

    [Fact]
    public void Choose_without_a_match_lists_the_offered_platforms()
    {
        var e = Assert.Throws<ImageException>(() => Puller.Choose(Multi, Puller.ParsePlatform("linux/riscv64"), "docker.io/library/x:1"));
        Assert.StartsWith("docker.io/library/x:1: no image for linux/riscv64", e.Message);
        foreach (var p in new[] { "linux/amd64", "linux/arm64/v8", "linux/arm64/v9", "linux/arm/v7", "linux/arm/v6", "linux/s390x" })
            Assert.Contains(p, e.Message);
        e = Assert.Throws<ImageException>(() => Puller.Choose(Multi, Puller.ParsePlatform("linux/arm/v5"), "t"));
        Assert.Contains("no image for linux/arm/v5", e.Message);
        e = Assert.Throws<ImageException>(() => Puller.Choose(Multi, Puller.ParsePlatform("windows/amd64"), "t"));
        Assert.Contains("no image for windows/amd64", e.Message);
    }

    [Fact]
    public void Choose_ignores_non_manifests_and_entries_without_platform()
    {
        var index = Index(Entry(D6, "linux", "amd64", mediaType: "application/vnd.in-toto+json"), new Descriptor { MediaType = MediaTypes.OciManifest, Digest = D1, Size = 1 });
        var e = Assert.Throws<ImageException>(() => Puller.Choose(index, Puller.ParsePlatform("linux/amd64"), "t"));
        Assert.Contains("linux/amd64", e.Message);
        e = Assert.Throws<ImageException>(() => Puller.Choose(new ImageIndex(), Puller.ParsePlatform("linux/amd64"), "t"));
        Assert.Contains("nothing runnable", e.Message);
    }

    [Fact]
    public void Choose_rejects_an_invalid_digest_in_the_chosen_entry()
    {
        var index = Index(Entry("sha256:../../../etc", "linux", "amd64"));
        Assert.Contains("invalid digest", Assert.Throws<ImageException>(() => Puller.Choose(index, Puller.ParsePlatform("linux/amd64"), "t")).Message);
    }

    [Fact]
    public void ParsePlatform_accepts_os_arch_and_variant()
    {
        var p = Puller.ParsePlatform("linux/arm64/v8");
        Assert.Equal(("linux", "arm64", "v8"), (p.Os, p.Architecture, p.Variant));
        Assert.Equal("linux/arm64/v8", p.ToString());
        var q = Puller.ParsePlatform("linux/amd64");
        Assert.Null(q.Variant);
        Assert.Equal("linux/amd64", q.ToString());
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("")]
    [InlineData("linux/")]
    [InlineData("/amd64")]
    [InlineData("linux//v8")]
    [InlineData("linux/arm64/")]
    [InlineData("linux/arm64/v8/extra")]
    public void ParsePlatform_rejects_other_forms(string text)
    {
        var e = Assert.Throws<ImageException>(() => Puller.ParsePlatform(text));
        Assert.Contains("expected os/arch[/variant]", e.Message);
    }

    [Fact]
    public void HostPlatform_is_linux_with_a_go_architecture_name()
    {
        var p = Puller.HostPlatform();
        Assert.Equal("linux", p.Os);
        Assert.Contains(p.Architecture, new[] { "amd64", "arm64", "386", "arm", "riscv64", "s390x", "ppc64le", "loongarch64" });
    }
}
