namespace Nido.Vmm;

/// <summary>How a VM ended: the exit code `nido vm run` returns and, when the guest did not choose it, why.</summary>
public sealed record VmOutcome(int ExitCode, string? Reason)
{
    public const int GuestFailure = 1;
}
