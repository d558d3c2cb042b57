namespace Nido.Linux;

public readonly record struct SignalInfo(int Signal, int Code, int Pid, int Uid, int Status);

/// <summary>
/// Signals delivered as reads. Only signals blocked on the receiving thread arrive here; in a multithreaded
/// process a process-directed signal may pick another thread, so block the mask on every thread or use tgkill.
/// </summary>
public sealed class SignalFd : IDisposable
{
    public SignalFd(ulong mask, bool nonBlocking = false)
    {
        var flags = Interop.SFD_CLOEXEC | (nonBlocking ? Interop.SFD_NONBLOCK : 0);
        unsafe
        {
            var fd = Interop.syscall(Interop.SYS_signalfd4, -1, (long)&mask, 8, flags, 0, 0);
            Handle = new SafeFdHandle((int)Errors.Check(fd, "signalfd4"));
        }
    }

    public SafeFdHandle Handle { get; }

    public unsafe SignalInfo Read()
    {
        Interop.SignalFdSigInfo info;
        FileIo.Read(Handle, new Span<byte>(&info, sizeof(Interop.SignalFdSigInfo)));
        return new SignalInfo((int)info.ssi_signo, info.ssi_code, (int)info.ssi_pid, (int)info.ssi_uid, (int)info.ssi_status);
    }

    public void Dispose() => Handle.Dispose();
}
