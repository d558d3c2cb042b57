using Microsoft.Win32.SafeHandles;

namespace Nido.Linux;

/// <summary>Owns one file descriptor; closing it is the only way it goes away.</summary>
public sealed class SafeFdHandle : SafeHandleMinusOneIsInvalid
{
    public SafeFdHandle() : base(ownsHandle: true) { }

    public SafeFdHandle(int fd, bool ownsHandle = true) : base(ownsHandle) => SetHandle(fd);

    /// <summary>The descriptor number. Valid only while the handle is open.</summary>
    public int Fd => (int)DangerousGetHandle();

    protected override bool ReleaseHandle() => Interop.close((int)handle) == 0;

    public override string ToString() => IsInvalid ? "fd(invalid)" : $"fd {Fd}";
}
