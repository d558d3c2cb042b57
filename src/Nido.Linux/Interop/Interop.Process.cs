using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    internal const int P_PID = 1, P_PIDFD = 3;
    internal const int WEXITED = 4, WNOHANG = 1, WNOWAIT = 0x01000000;
    internal const int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3;

    /// <summary>The SIGCHLD part of siginfo_t (the whole struct is 128 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct SigInfo
    {
        [FieldOffset(0)] public int si_signo;
        [FieldOffset(4)] public int si_errno;
        [FieldOffset(8)] public int si_code;
        [FieldOffset(16)] public int si_pid;
        [FieldOffset(20)] public int si_uid;
        [FieldOffset(24)] public int si_status;
    }

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int waitid(int idtype, int id, SigInfo* info, int options);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    [LibraryImport(Libc)]
    internal static partial int getpid();

    [LibraryImport(Libc)]
    internal static partial int gettid();

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int tgkill(int tgid, int tid, int sig);
}
