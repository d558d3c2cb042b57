using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    // ioctl's third argument is an integer or a pointer; both travel as a machine word.
    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int ioctl(SafeFdHandle fd, nuint request, nint arg);
}
