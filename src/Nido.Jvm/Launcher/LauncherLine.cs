namespace Nido.Jvm.Launcher;

/// <summary>
/// One line the launcher prints, or the point where the JVM's version text goes
/// (java prints it from inside the VM, so the parser only marks the spot).
/// </summary>
public readonly record struct LauncherLine(LauncherStream Stream, string Text, bool IsVersion = false)
{
    public static LauncherLine Err(string text) => new(LauncherStream.Stderr, text);

    public static LauncherLine Out(string text) => new(LauncherStream.Stdout, text);

    public static LauncherLine Version(LauncherStream stream) => new(stream, "", true);
}
