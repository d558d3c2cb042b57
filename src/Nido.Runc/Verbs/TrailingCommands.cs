namespace Nido.Runc.Verbs;

/// <summary>
/// The verbs whose command line ends in a program's (see <see cref="TrailingCommand"/>). Kept apart from the verbs, so
/// that separating the words of any call does not build the exec verb's options.
/// </summary>
public static class TrailingCommands
{
    /// <summary>`oci exec ID CMD…`: the command starts at the second positional word.</summary>
    public static readonly TrailingCommand Exec = new(["oci", "exec"], new HashSet<string>(OciCommand.GlobalValueOptions)
    {
        "--console-socket", "--cwd", "--env", "-e", "--user", "-u", "--additional-gids", "-g",
        "--process", "-p", "--pid-file", "--process-label", "--apparmor", "--cap", "-c", "--preserve-fds", "--cgroup",
    }, PositionalsBefore: 1);

    /// <summary>`oci ps ID PS-OPTIONS…`: ps(1)'s options start at the second positional word.</summary>
    public static readonly TrailingCommand Ps = new(["oci", "ps"], new HashSet<string>(OciCommand.GlobalValueOptions) { "--format", "-f" }, PositionalsBefore: 1);
}
