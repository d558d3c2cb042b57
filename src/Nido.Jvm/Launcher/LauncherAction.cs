namespace Nido.Jvm.Launcher;

/// <summary>What the launcher does once the options are accepted (all but Run exit 0 afterwards).</summary>
public enum LauncherAction
{
    /// <summary>Load the main class and call main (after the version, when ShowVersion is set).</summary>
    Run,

    /// <summary>-version / --version: print the version and exit.</summary>
    PrintVersion,

    /// <summary>-fullversion / --full-version: one line, printed before the VM starts.</summary>
    PrintFullVersion,

    /// <summary>-help, -h, -?, --help: print <see cref="JavaUsage.Help"/>.</summary>
    PrintHelp,

    /// <summary>-X, --help-extra: print <see cref="JavaUsage.ExtraHelp"/>.</summary>
    PrintExtraHelp,
}
