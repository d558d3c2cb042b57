namespace Nido.Linux.Seccomp;

/// <summary>Filter return values and flags (linux/seccomp.h), and installing a filter on the calling thread.</summary>
public static class SeccompFilter
{
    public const uint RetKillProcess = 0x80000000, RetKillThread = 0, RetTrap = 0x00030000, RetErrno = 0x00050000;
    public const uint RetUserNotify = 0x7fc00000, RetTrace = 0x7ff00000, RetLog = 0x7ffc0000, RetAllow = 0x7fff0000;
    public const uint RetDataMask = 0x0000ffff;

    public const uint FlagTsync = 1, FlagLog = 2, FlagSpecAllow = 4, FlagNewListener = 8, FlagTsyncEsrch = 16, FlagWaitKillableRecv = 32;

    /// <summary>The kernel's limit on one filter's length (BPF_MAXINSNS).</summary>
    public const int MaxInstructions = 4096;

    /// <summary>Offsets in struct seccomp_data: nr, arch, instruction_pointer, args[6] (64-bit, little-endian).</summary>
    public const uint NrOffset = 0, ArchOffset = 4;
    public static uint ArgLowOffset(int index) => 16 + 8 * (uint)index;
    public static uint ArgHighOffset(int index) => 20 + 8 * (uint)index;

    /// <summary>
    /// seccomp(SECCOMP_SET_MODE_FILTER): needs no_new_privs or CAP_SYS_ADMIN in the thread's user namespace.
    /// Applies to the calling thread (and with <see cref="FlagTsync"/> to all threads of the process) and is inherited across execve.
    /// </summary>
    public static unsafe void Install(ReadOnlySpan<BpfInstruction> program, uint flags)
    {
        if (program.Length is 0 or > MaxInstructions)
            throw new ArgumentException($"a seccomp filter has 1 to {MaxInstructions} instructions, not {program.Length}", nameof(program));
        fixed (BpfInstruction* p = program)
        {
            var fprog = new SockFprog { Length = (ushort)program.Length, Filter = p };
            Errors.Check(Interop.syscall(Interop.Sys.seccomp, SECCOMP_SET_MODE_FILTER, flags, (long)&fprog), "seccomp", "SECCOMP_SET_MODE_FILTER");
        }
    }

    private const long SECCOMP_SET_MODE_FILTER = 1;

    private unsafe struct SockFprog
    {
        public ushort Length;
        public BpfInstruction* Filter;
    }
}
