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

    private static bool IsJdk17(string home) =>
        File.Exists(Path.Combine(home, "lib", "modules"))
        && Release(home).GetValueOrDefault("JAVA_VERSION", "").StartsWith("17", StringComparison.Ordinal);

    /// <summary>The JDK's release file (KEY="value" lines: JAVA_VERSION, JAVA_RUNTIME_VERSION …); empty when unreadable.</summary>
    public static Dictionary<string, string> Release(string home)
    {
        var result = new Dictionary<string, string>();
        // TextFile rather than File.ReadLines: FileStream's first use costs the CoreCLR host ~1 ms at every start.
        foreach (var line in (Nido.Linux.TextFile.TryRead(Path.Combine(home, "release")) ?? "").Split('\n'))
            if (line.IndexOf('=') is > 0 and var eq) result[line[..eq]] = line[(eq + 1)..].TrimEnd('\r').Trim('"');
        return result;
    }
}
