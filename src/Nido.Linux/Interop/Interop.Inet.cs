using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int fd;
        public short events;
        public short revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct AddrInfo
    {
        public int ai_flags;
        public int ai_family;
        public int ai_socktype;
        public int ai_protocol;
        public uint ai_addrlen;
        public byte* ai_addr;
        public byte* ai_canonname;
        public AddrInfo* ai_next;
    }

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int connect(SafeFdHandle fd, void* addr, uint length);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int listen(SafeFdHandle fd, int backlog);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int accept4(SafeFdHandle fd, void* addr, uint* length, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int getsockname(SafeFdHandle fd, void* addr, uint* length);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int getpeername(SafeFdHandle fd, void* addr, uint* length);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int getsockopt(SafeFdHandle fd, int level, int name, void* value, uint* length);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int setsockopt(SafeFdHandle fd, int level, int name, void* value, uint length);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int shutdown(SafeFdHandle fd, int how);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint send(SafeFdHandle fd, void* buffer, nuint length, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint recv(SafeFdHandle fd, void* buffer, nuint length, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint sendto(SafeFdHandle fd, void* buffer, nuint length, int flags, void* addr, uint addrLength);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial nint recvfrom(SafeFdHandle fd, void* buffer, nuint length, int flags, void* addr, uint* addrLength);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int ioctl(SafeFdHandle fd, nuint request, int* arg);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int dup2(SafeFdHandle fd, int target);

    [LibraryImport(Libc, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int getaddrinfo(string node, string? service, AddrInfo* hints, AddrInfo** result);

    [LibraryImport(Libc)]
    internal static unsafe partial void freeaddrinfo(AddrInfo* info);

    [LibraryImport(Libc)]
    internal static partial nint gai_strerror(int error);

    [LibraryImport(Libc)]
    internal static unsafe partial int getnameinfo(void* addr, uint addrLength, byte* host, uint hostLength, byte* service, uint serviceLength, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int gethostname(byte* name, nuint length);

    [LibraryImport(Libc)]
    internal static partial int pthread_kill(nint thread, int signal);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int sigaction(int signal, void* action, void* old);
}
