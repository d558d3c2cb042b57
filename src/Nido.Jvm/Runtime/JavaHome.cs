namespace Nido.Jvm.Runtime;

/// <summary>Finds the JDK 17 whose class library the VM runs: NIDO_JAVA_HOME, JAVA_HOME when it is a 17, else Debian's path.</summary>
public static class JavaHome
{
    public const string Debian = "/usr/lib/jvm/java-17-openjdk-amd64";

    public static string Find()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("NIDO_JAVA_HOME"), Environment.GetEnvironmentVariable("JAVA_HOME"), Debian })
            if (!string.IsNullOrEmpty(candidate) && IsJdk17(candidate)) return candidate;
        throw new InvalidOperationException($"no JDK 17 class library found (looked at NIDO_JAVA_HOME, JAVA_HOME and {Debian}; scripts/setup.sh jvm installs openjdk-17-jdk-headless)");
    }

    private static bool IsJdk17(string home)
    {
        var release = Path.Combine(home, "release");
        return File.Exists(Path.Combine(home, "lib", "modules"))
            && File.Exists(release) && File.ReadLines(release).Any(l => l.StartsWith("JAVA_VERSION=\"17", StringComparison.Ordinal));
    }
}
