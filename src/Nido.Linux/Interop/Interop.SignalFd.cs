using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    internal const int SFD_CLOEXEC = 0x80000, SFD_NONBLOCK = 0x800;
    internal const int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

    /// <summary>struct signalfd_siginfo: 128 bytes; the fields a caller needs.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct SignalFdSigInfo
    {
        [FieldOffset(0)] public uint ssi_signo;
        [FieldOffset(4)] public int ssi_errno;
        [FieldOffset(8)] public int ssi_code;
        [FieldOffset(12)] public uint ssi_pid;
        [FieldOffset(16)] public uint ssi_uid;
        [FieldOffset(24)] public uint ssi_status;
    }

    // The kernel's signalfd4 takes a 64-bit mask and its size; glibc's wrapper takes a 128-byte sigset_t.
    internal const long SYS_signalfd4 = 289;
}
