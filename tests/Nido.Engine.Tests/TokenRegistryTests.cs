namespace Nido.Engine.Tests;

/// <summary>Pulling with token authentication, platform selection from an index, and a zstd layer.</summary>
public sealed class TokenRegistryTests(TokenRegistry registry) : IClassFixture<TokenRegistry>, IDisposable
{
    private readonly Front front = new();

    public void Dispose() => front.Dispose();

    private void Require()
    {
        Front.RequireRoot();
        if (registry.SkipReason is { } why) Assert.Skip(why);
    }

    [Fact]
    public void Pull_gets_a_token_chooses_this_platform_and_unpacks_zstd()
    {
        Require();
        var before = registry.TokenRequests;
        var pull = front.Nido("pull", registry.Image);
        Assert.True(pull.Code == 0, pull.Err);
        Assert.True(registry.TokenRequests > before, "no token was requested");
        var run = front.Nido("run", "--rm", registry.Image);
        Assert.True(run.Code == 0, run.Err);
        Assert.Equal("a zstd layer\n", run.Out);
    }

    [Fact]
    public void A_platform_the_index_lacks_is_named_with_what_it_offers()
    {
        Require();
        var pull = front.Nido("pull", "--platform", "linux/s390x", registry.Image);
        Assert.Equal(125, pull.Code);
        Assert.Contains("no image for linux/s390x (the index offers: linux/arm64/v8, linux/amd64)", pull.Err);
    }

    [Fact]
    public void An_unknown_tag_says_not_found()
    {
        Require();
        var pull = front.Nido("pull", $"127.0.0.1:{registry.Port}/{TokenRegistry.Repository}:nope");
        Assert.Equal(125, pull.Code);
        Assert.Contains("not found", pull.Err);
        Assert.Contains("MANIFEST_UNKNOWN", pull.Err);
    }
}
