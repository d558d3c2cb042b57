namespace Nido.Jvm.Launcher;

/// <summary>What java.c's ParseArguments leaves for the VM and for JavaMain.</summary>
internal sealed class LauncherArguments
{
    public LaunchMode Mode { get; set; }

    /// <summary>The main class or the jar file (java's "what"); null when none was given.</summary>
    public string? What { get; set; }

    public List<string> ProgramArguments { get; } = [];

    /// <summary>The options handed to the VM, in the order java's launcher adds them.</summary>
    public List<string> VmOptions { get; } = [];

    public bool HaveClassPath { get; set; }

    public bool PrintVersion { get; set; }

    public bool ShowVersion { get; set; }

    public bool PrintUsage { get; set; }

    public bool PrintExtraUsage { get; set; }

    public bool PrintFullVersion { get; set; }

    public bool PrintToStdout { get; set; }

    public bool DryRun { get; set; }

    public string? ShowSettings { get; set; }

    /// <summary>The launcher's exit code once the VM is up (1 when usage is printed for lack of a main class).</summary>
    public int ExitCode { get; set; }

    /// <summary>The -jar file's manifest, read before anything else as java's SelectVersion does.</summary>
    public JarManifest? JarManifest { get; set; }

    /// <summary>The jar <see cref="JarManifest"/> came from.</summary>
    public string? JarManifestPath { get; set; }

    /// <summary>java.c's SetClassPath: -Djava.class.path with the wildcards expanded.</summary>
    public void SetClassPath(string path)
    {
        VmOptions.Add("-Djava.class.path=" + ClassPathWildcard.Expand(path));
        HaveClassPath = true;
    }
}
