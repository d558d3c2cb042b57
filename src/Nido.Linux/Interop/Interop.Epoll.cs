using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    internal const int EPOLL_CLOEXEC = 0x80000, EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;

    /// <summary>struct epoll_event is packed on x86-64: a 32-bit mask then 64 bits of user data.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct EpollEventNative
    {
        public uint events;
        public ulong data;
    }

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int epoll_create1(int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int epoll_ctl(SafeFdHandle epfd, int op, SafeFdHandle fd, EpollEventNative* ev);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int epoll_wait(SafeFdHandle epfd, EpollEventNative* events, int maxevents, int timeout);
}
