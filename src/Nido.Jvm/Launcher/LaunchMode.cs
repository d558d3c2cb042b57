namespace Nido.Jvm.Launcher;

/// <summary>java.c's launch modes that Nido runs (module and source-file modes are refused).</summary>
internal enum LaunchMode
{
    Unknown,
    Class,
    Jar,
}
