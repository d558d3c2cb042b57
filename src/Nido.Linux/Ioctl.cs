namespace Nido.Linux;

/// <summary>ioctl(2) with an integer argument or a pointer to a caller's struct.</summary>
public static class Ioctl
{
    // _IOC encoding from asm-generic/ioctl.h, for callers building KVM, TUN or TTY request numbers.
    public const uint IOC_NONE = 0, IOC_WRITE = 1, IOC_READ = 2;

    public static uint Encode(uint dir, uint type, uint nr, uint size) => (dir << 30) | (size << 16) | (type << 8) | nr;
    public static uint Io(uint type, uint nr) => Encode(IOC_NONE, type, nr, 0);
    public static uint Ior(uint type, uint nr, uint size) => Encode(IOC_READ, type, nr, size);
    public static uint Iow(uint type, uint nr, uint size) => Encode(IOC_WRITE, type, nr, size);
    public static uint Iowr(uint type, uint nr, uint size) => Encode(IOC_READ | IOC_WRITE, type, nr, size);

    /// <summary>Issues the request; returns the call's non-negative result.</summary>
    public static int Call(SafeFdHandle fd, uint request, nint arg = 0, string? name = null) =>
        Errors.Check(Interop.ioctl(fd, request, arg), "ioctl", name ?? $"{fd}, 0x{request:x}");

    /// <summary>Issues a request whose argument is a struct the kernel reads and/or fills.</summary>
    public static unsafe int Call<T>(SafeFdHandle fd, uint request, ref T arg, string? name = null) where T : unmanaged
    {
        fixed (T* p = &arg)
            return Call(fd, request, (nint)p, name);
    }
}
