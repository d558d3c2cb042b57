namespace Nido.Jvm.Launcher;

/// <summary>What the launcher does once the options are accepted (all but Run exit 0 afterwards).</summary>
public enum LauncherAction
{
    /// <summary>Load the main class and call main (after the version, when ShowVersion is set).</summary>
    Run,

    /// <summary>-version / --version: print the version and exit.</summary>
    PrintVersion,

    /// <summary>
    /// -fullversion (stderr: openjdk full version "17.0.x+y") / --full-version (stdout: openjdk 17.0.x+y):
    /// one line, printed before the VM would start, so no VM option is checked.
    /// </summary>
    PrintFullVersion,

    /// <summary>-help, -h, -?, --help: print <see cref="JavaUsage.Help"/>.</summary>
    PrintHelp,

    /// <summary>-X, --help-extra: print <see cref="JavaUsage.ExtraHelp"/>.</summary>
    PrintExtraHelp,
}
