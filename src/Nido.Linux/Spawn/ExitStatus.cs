namespace Nido.Linux;

/// <summary>How a child ended: an exit code, or the signal that killed it.</summary>
public readonly record struct ExitStatus(int Code, int Signal, bool CoreDumped = false)
{
    public bool Exited => Signal == 0;

    /// <summary>The shell's convention: the code, or 128 + signal.</summary>
    public int ShellCode => Signal == 0 ? Code : 128 + Signal;

    public override string ToString() => Signal == 0 ? $"exit code {Code}" : $"killed by {Signals.Name(Signal)}{(CoreDumped ? " (core dumped)" : "")}";
}
