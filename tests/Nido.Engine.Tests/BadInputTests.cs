namespace Nido.Engine.Tests;

/// <summary>Bad flags and references get one clear line on stderr, Docker's exit code, and leave no container behind.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly Front front = new();

    public void Dispose() => front.Dispose();

    [Theory]
    [InlineData("--memory 1x", "--memory 1x")]
    [InlineData("--memory 1k", "minimum memory limit")]
    [InlineData("--cpus -1", "--cpus -1")]
    [InlineData("--cpus 9999", "CPUs available")]
    [InlineData("-v relative:/x", "not an absolute host path")]
    [InlineData("-v /tmp:rel", "must be absolute")]
    [InlineData("-v /tmp:/x:bogus", "unknown option")]
    [InlineData("--network bridge", "bridged networking is not available")]
    [InlineData("-w relative", "absolute path")]
    [InlineData("--name bad/name", "invalid container name")]
    [InlineData("-u nosuchuser", "unable to find user nosuchuser")]
    public void Bad_run_flags_are_named(string flags, string expected)
    {
        Front.RequireRoot();
        var r = front.Nido(["run", "--rm", .. flags.Split(' '), "busybox", "true"]);
        Assert.NotEqual(0, r.Code);
        Assert.Contains(expected, r.Err);
        Assert.Equal("", front.Nido("ps", "-a", "-q").Out);
    }

    [Theory]
    [InlineData("UPPER/case", "invalid repository name")]
    [InlineData("busybox:bad!tag", "invalid tag")]
    [InlineData("x@sha256:1234", "invalid digest")]
    [InlineData("127.0.0.1:1/nothing:here", "cannot reach registry 127.0.0.1:1")]
    public void Bad_or_unreachable_images_are_named(string image, string expected)
    {
        Front.RequireRoot();
        var r = front.Nido("run", "--rm", image, "true");
        Assert.Equal(125, r.Code);
        Assert.Contains(expected, r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public void Unknown_containers_and_images_are_named()
    {
        Front.RequireRoot();
        Assert.Contains("No such container: ghost", front.Nido("logs", "ghost").Err);
        Assert.Contains("No such container: ghost", front.Nido("stop", "ghost").Err);
        Assert.Contains("No such image: ghost", front.Nido("rmi", "ghost").Err);
        var load = front.NidoWithInput("not a tar", "load");
        Assert.NotEqual(0, load.Code);
        Assert.StartsWith("nido: ", load.Err);
    }
}
