namespace Nido.Jvm.Tests.Launcher;

/// <summary>A launch's exit code and output lines, in the form <see cref="JavaOracle"/> compares.</summary>
internal sealed record Rendered(int ExitCode, string[] Stdout, string[] Stderr)
{
    public override string ToString() =>
        $"exit {ExitCode}\n--- stdout\n{string.Join('\n', Stdout)}\n--- stderr\n{string.Join('\n', Stderr)}";
}
