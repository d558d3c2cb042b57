namespace Nido.Jvm.Launcher;

/// <summary>What the launcher has printed so far; failures carry all of it, so callers print it once.</summary>
internal sealed class LauncherOutput
{
    public List<LauncherLine> Lines { get; } = [];

    public void Note(string stderrLine) => Lines.Add(LauncherLine.Err(stderrLine));

    /// <summary>Adds the error lines (stderr) and returns the exception that ends the launch.</summary>
    public JavaLauncherException Fail(params string[] stderrLines)
    {
        foreach (string line in stderrLines)
            Lines.Add(LauncherLine.Err(line));
        return new JavaLauncherException(Lines.ToArray());
    }

    /// <summary>HotSpot's failure while reading options: its message, then the launcher's two lines.</summary>
    public JavaLauncherException FailVm(params string[] stderrLines) =>
        Fail([.. stderrLines, LauncherMessages.CouldNotCreateVm, LauncherMessages.FatalException]);

    /// <summary>vm_exit_during_initialization: the reason goes to stdout, nothing to stderr.</summary>
    public JavaLauncherException FailVmInit(string reason, string heading = LauncherMessages.VmInitError)
    {
        Lines.Add(LauncherLine.Out(heading));
        Lines.Add(LauncherLine.Out(reason));
        return new JavaLauncherException(Lines.ToArray());
    }
}
