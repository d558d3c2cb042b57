namespace Nido.Jvm.Launcher;

/// <summary>
/// The launcher stops: print <see cref="Output"/> in order (notes picked up before the failure
/// included; a version marker means the JVM's version text goes there) and exit with <see cref="ExitCode"/>.
/// </summary>
public sealed class JavaLauncherException : Exception
{
    public JavaLauncherException(IReadOnlyList<LauncherLine> output, int exitCode = 1)
        : base(string.Join('\n', output.Where(l => !l.IsVersion).Select(l => l.Text)))
    {
        Output = output;
        ExitCode = exitCode;
    }

    public IReadOnlyList<LauncherLine> Output { get; }

    public int ExitCode { get; }

    /// <summary>The text lines that go to stderr, in order.</summary>
    public IReadOnlyList<string> StderrLines => Lines(LauncherStream.Stderr);

    /// <summary>The text lines that go to stdout (java prints some VM initialisation errors there).</summary>
    public IReadOnlyList<string> StdoutLines => Lines(LauncherStream.Stdout);

    private string[] Lines(LauncherStream stream) =>
        Output.Where(l => l.Stream == stream && !l.IsVersion).Select(l => l.Text).ToArray();
}
