namespace Nido.Tests.Shared;

/// <summary>Where the repository and the published native nido are, for every test project (linked in by tests/Directory.Build.props).</summary>
internal static class TestPaths
{
    public static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Nido.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Nido.sln not found above the test binaries");
    }

    /// <summary>NIDO_BIN (test.sh sets it) or artifacts/nido/nido; skips the test, saying why, when it is not built.</summary>
    public static string NativeNido()
    {
        var path = Environment.GetEnvironmentVariable("NIDO_BIN");
        if (string.IsNullOrEmpty(path)) path = Path.Combine(RepoRoot(), "artifacts", "nido", "nido");
        Assert.SkipUnless(File.Exists(path), $"no published native nido at '{path}' (./nido or ./test.sh builds it)");
        return path;
    }
}
