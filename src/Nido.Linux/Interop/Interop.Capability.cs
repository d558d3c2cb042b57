using System.Runtime.InteropServices;

namespace Nido.Linux;

internal static partial class Interop
{
    internal const uint _LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    [StructLayout(LayoutKind.Sequential)]
    internal struct CapUserHeader
    {
        public uint version;
        public int pid;
    }

    /// <summary>One of the two 32-bit halves of a version-3 capability set.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CapUserData
    {
        public uint effective;
        public uint permitted;
        public uint inheritable;
    }
}
