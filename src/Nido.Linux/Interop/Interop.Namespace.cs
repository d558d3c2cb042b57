using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int setns(SafeFdHandle fd, int nstype);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int unshare(int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int sethostname(byte* name, nuint len);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int setdomainname(byte* name, nuint len);
}
