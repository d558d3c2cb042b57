using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct RLimit
    {
        public ulong rlim_cur;
        public ulong rlim_max;
    }

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int prlimit(int pid, int resource, RLimit* newLimit, RLimit* oldLimit);
}
