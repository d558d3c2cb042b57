using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct UtsName
    {
        public fixed byte sysname[65];
        public fixed byte nodename[65];
        public fixed byte release[65];
        public fixed byte version[65];
        public fixed byte machine[65];
        public fixed byte domainname[65];
    }

    /// <summary>struct statfs on x86-64 (120 bytes); only f_type is read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 120)]
    internal struct StatFs
    {
        [FieldOffset(0)] public long f_type;
    }

    [LibraryImport(Libc, SetLastError = true)]
    internal static unsafe partial int uname(UtsName* buf);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int statfs(string path, StatFs* buf);

    [LibraryImport(Libc)]
    internal static partial uint geteuid();

    [LibraryImport(Libc)]
    internal static partial uint getuid();

    [LibraryImport(Libc)]
    internal static partial uint getegid();

    [LibraryImport(Libc)]
    internal static partial uint getgid();
}
