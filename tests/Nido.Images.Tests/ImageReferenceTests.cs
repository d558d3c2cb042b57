namespace Nido.Images.Tests;

public class ImageReferenceTests
{
    private static readonly string Hex = new('a', 64);
    private static readonly string Digest = "sha256:" + Hex;

    [Fact]
    public void Bare_name_is_docker_hub_library_latest()
    {
        var r = ImageReference.Parse("busybox");
        Assert.Equal("docker.io", r.Registry);
        Assert.Equal("library/busybox", r.Repository);
        Assert.Equal("latest", r.Tag);
        Assert.Null(r.Digest);
        Assert.Equal("latest", r.Reference);
        Assert.Equal("docker.io/library/busybox:latest", r.ToString());
        Assert.Equal("docker.io/library/busybox", r.Name);
        Assert.Equal("busybox:latest", r.Familiar);
        Assert.Equal("registry-1.docker.io", r.ApiHost);
    }

    [Fact]
    public void User_repository_with_tag_stays_out_of_library()
    {
        var r = ImageReference.Parse("user/app:1.0");
        Assert.Equal(("docker.io", "user/app", "1.0"), (r.Registry, r.Repository, r.Tag));
        Assert.Equal("docker.io/user/app:1.0", r.ToString());
        Assert.Equal("user/app:1.0", r.Familiar);
    }

    [Theory]
    [InlineData("docker.io/busybox")]
    [InlineData("index.docker.io/busybox")]
    [InlineData("registry-1.docker.io/library/busybox")]
    [InlineData("docker.io/library/busybox:latest")]
    public void Docker_hub_aliases_normalise_to_the_same_reference(string text) =>
        Assert.Equal("docker.io/library/busybox:latest", ImageReference.Parse(text).ToString());

    [Fact]
    public void Localhost_with_port_is_a_registry_and_not_a_tag()
    {
        var r = ImageReference.Parse("localhost:5000/a/b");
        Assert.Equal(("localhost:5000", "a/b", "latest"), (r.Registry, r.Repository, r.Tag));
        Assert.Equal("localhost:5000/a/b:latest", r.ToString());
        Assert.Equal("localhost:5000/a/b:latest", r.Familiar);
        Assert.Equal("localhost:5000", r.ApiHost);
    }

    [Fact]
    public void Plain_localhost_is_a_registry()
    {
        var r = ImageReference.Parse("localhost/x");
        Assert.Equal(("localhost", "x"), (r.Registry, r.Repository));
    }

    [Fact]
    public void Ip_address_registry_with_port_and_tag()
    {
        var r = ImageReference.Parse("127.0.0.1:5055/test/hello:v1");
        Assert.Equal(("127.0.0.1:5055", "test/hello", "v1"), (r.Registry, r.Repository, r.Tag));
        Assert.Equal("127.0.0.1:5055/test/hello:v1", r.ToString());
        Assert.Equal("v1", r.Reference);
    }

    [Fact]
    public void Digest_reference_has_no_tag_and_is_asked_for_by_digest()
    {
        var r = ImageReference.Parse($"quay.io/x/y@{Digest}");
        Assert.Equal(("quay.io", "x/y"), (r.Registry, r.Repository));
        Assert.Null(r.Tag);
        Assert.Equal(Digest, r.Digest);
        Assert.Equal(Digest, r.Reference);
        Assert.Equal($"quay.io/x/y@{Digest}", r.ToString());
        Assert.Equal($"quay.io/x/y@{Digest}", r.Familiar);
    }

    [Fact]
    public void Tag_and_digest_together_keep_both_and_the_digest_wins()
    {
        var r = ImageReference.Parse($"name:tag@{Digest}");
        Assert.Equal("library/name", r.Repository);
        Assert.Equal("tag", r.Tag);
        Assert.Equal(Digest, r.Digest);
        Assert.Equal(Digest, r.Reference);
        Assert.Equal($"docker.io/library/name:tag@{Digest}", r.ToString());
    }

    [Fact]
    public void Round_trip_through_ToString_is_stable()
    {
        foreach (var text in new[] { "busybox", "user/app:1.0", "localhost:5000/a/b", $"quay.io/x/y@{Digest}", $"name:tag@{Digest}" })
        {
            var r = ImageReference.Parse(text);
            Assert.Equal(r, ImageReference.Parse(r.ToString()));
            if (r.Tag is null || r.Digest is null) Assert.Equal(r, ImageReference.Parse(r.Familiar));
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("UPPER/case", "invalid repository name")]
    [InlineData("a:b:c", "invalid repository name")]
    [InlineData("x@sha256:short", "invalid digest")]
    [InlineData("x@md5:0123456789abcdef0123456789abcdef", "invalid digest")]
    [InlineData("x:bad tag!", "invalid tag \"bad tag!\"")]
    [InlineData("bad tag!", "invalid repository name")]
    [InlineData("x:", "invalid tag")]
    [InlineData("x:-leadingdash", "invalid tag")]
    [InlineData("a//b", "invalid repository name")]
    [InlineData("a/b/", "invalid repository name")]
    [InlineData("-a", "invalid repository name")]
    [InlineData("a..b", "invalid repository name")]
    [InlineData("host:port/x", "invalid registry")]
    [InlineData("-bad.example.com/x", "invalid registry")]
    public void Invalid_references_throw_ImageException_naming_the_problem(string text, string problem)
    {
        var e = Assert.Throws<ImageException>(() => ImageReference.Parse(text));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Overlong_tag_and_reference_are_rejected()
    {
        Assert.Contains("invalid tag", Assert.Throws<ImageException>(() => ImageReference.Parse("x:" + new string('t', 129))).Message);
        Assert.Equal(128, ImageReference.Parse("x:" + new string('t', 128)).Tag!.Length);
        Assert.Contains("too long", Assert.Throws<ImageException>(() => ImageReference.Parse(new string('a', 5000))).Message);
        Assert.Contains("longer than 255", Assert.Throws<ImageException>(() => ImageReference.Parse("r.io/" + new string('a', 256))).Message);
    }

    [Theory]
    [InlineData("busybox\n")]
    [InlineData("busybox:latest\n")]
    [InlineData("quay.io/x/y@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")]
    public void A_trailing_newline_is_not_part_of_a_valid_reference(string text) =>
        Assert.Throws<ImageException>(() => ImageReference.Parse(text));
}
