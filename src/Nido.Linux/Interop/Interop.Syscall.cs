using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    /// <summary>x86-64 system call numbers for calls glibc does not wrap (or wraps process-wide).</summary>
    internal static class Sys
    {
        public const long read = 0, write = 1, close = 3, rt_sigaction = 13, rt_sigprocmask = 14, ioctl = 16;
        public const long fcntl = 72, chdir = 80, setsid = 112, execve = 59, exit_group = 231;
        public const long setresuid = 117, setresgid = 119, setgroups = 116, capget = 125, capset = 126;
        public const long prctl = 157, pivot_root = 155, sethostname = 170, setdomainname = 171;
        public const long dup3 = 292, setns = 308, pidfd_send_signal = 424, pidfd_open = 434, clone3 = 435;
        public const long close_range = 436, seccomp = 317, umask = 95, unshare = 272, bpf = 321;
        public const long openat = 257, mkdirat = 258, mknodat = 259, fchownat = 260, unlinkat = 263, symlinkat = 266;
        public const long mount = 165, umount2 = 166, chroot = 161, prlimit64 = 302, pidfd_getfd = 438, mount_setattr = 442;
        public const long rt_sigtimedwait = 128, socket = 41, faccessat = 269;
    }

    /// <summary>
    /// The generic syscall(2) entry. Used where glibc has no wrapper (pivot_root, pidfd_*), and where its
    /// wrapper would act on every thread (setresuid, setgroups: glibc broadcasts them, the kernel is per thread).
    /// </summary>
    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    internal static long syscall(long number, long a1 = 0, long a2 = 0, long a3 = 0) =>
        syscall(number, a1, a2, a3, 0, 0, 0);
}
