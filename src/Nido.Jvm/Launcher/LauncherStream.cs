namespace Nido.Jvm.Launcher;

/// <summary>The standard stream a launcher message goes to.</summary>
public enum LauncherStream
{
    Stderr,
    Stdout,
}
