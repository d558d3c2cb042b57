namespace Nido.Linux.Tests;

/// <summary>Skips (with the reason printed) tests that this machine cannot run; none passes silently.</summary>
internal static class Requires
{
    public static void Root() =>
        Assert.SkipUnless(Credentials.IsRoot, "needs root (namespaces, mounts and credentials are privileged); running as uid " + Credentials.EffectiveUid);

    public static void Path(string path, string why) =>
        Assert.SkipUnless(File.Exists(path) || Directory.Exists(path), $"{path} is missing: {why}");
}
