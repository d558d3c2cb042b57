using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    internal const uint TIOCSCTTY = 0x540E, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431, TIOCGPTPEER = 0x5441;

    [StructLayout(LayoutKind.Sequential)]
    internal struct WinSize
    {
        public ushort ws_row, ws_col, ws_xpixel, ws_ypixel;
    }

    // glibc ≥ 2.34 has openpty in libc itself (libutil is an empty stub).
    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int openpty(int* amaster, int* aslave, byte* name, void* termp, WinSize* winp);
}
