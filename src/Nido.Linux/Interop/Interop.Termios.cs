using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    /// <summary>glibc's struct termios (60 bytes on x86-64); only the flag words are touched by name.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct Termios
    {
        public uint c_iflag, c_oflag, c_cflag, c_lflag;
        public byte c_line;
        public fixed byte c_cc[32];
        public uint c_ispeed, c_ospeed;
    }

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int tcgetattr(SafeFdHandle fd, Termios* t);

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int tcsetattr(SafeFdHandle fd, int action, Termios* t);

    [LibraryImport(Libc)]
    internal static unsafe partial void cfmakeraw(Termios* t);

    [LibraryImport(Libc)]
    internal static partial int isatty(int fd);
}
