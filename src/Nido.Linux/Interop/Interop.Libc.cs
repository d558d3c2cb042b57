namespace Nido.Linux;

/// <summary>Raw bindings, one file per syscall family. Nothing outside Nido.Linux calls these.</summary>
internal static partial class Interop
{
    // The versioned soname: "libc.so" on a dev machine is a linker script that dlopen cannot load.
    internal const string Libc = "libc.so.6";
}
