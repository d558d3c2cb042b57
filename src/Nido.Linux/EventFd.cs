namespace Nido.Linux;

/// <summary>A counter fd: a cheap cross-thread (and irqfd/ioeventfd) doorbell.</summary>
public sealed class EventFd : IDisposable
{
    public EventFd(uint initial = 0, bool nonBlocking = false, bool semaphore = false)
    {
        var flags = Interop.EFD_CLOEXEC | (nonBlocking ? Interop.EFD_NONBLOCK : 0) | (semaphore ? Interop.EFD_SEMAPHORE : 0);
        Handle = Errors.CheckFd(Interop.eventfd(initial, flags), "eventfd");
    }

    public SafeFdHandle Handle { get; }

    /// <summary>Adds to the counter, waking readers.</summary>
    public void Signal(ulong value = 1)
    {
        Span<byte> buf = stackalloc byte[8];
        BitConverter.TryWriteBytes(buf, value);
        FileIo.Write(Handle, buf);
    }

    /// <summary>Reads and resets the counter (or decrements by one in semaphore mode). Blocks when zero unless non-blocking.</summary>
    public ulong Read()
    {
        Span<byte> buf = stackalloc byte[8];
        FileIo.Read(Handle, buf);
        return BitConverter.ToUInt64(buf);
    }

    /// <summary>Like <see cref="Read"/>, but returns false instead of throwing EAGAIN on a non-blocking fd at zero.</summary>
    public bool TryRead(out ulong value)
    {
        try { value = Read(); return true; }
        catch (ErrnoException e) when (e.Errno == Errno.EAGAIN) { value = 0; return false; }
    }

    public void Dispose() => Handle.Dispose();
}
