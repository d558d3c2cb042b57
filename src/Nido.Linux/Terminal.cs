namespace Nido.Linux;

/// <summary>The controlling terminal's mode: raw while a container's pty is attached, restored on dispose.</summary>
public sealed class Terminal : IDisposable
{
    private const int TCSANOW = 0;
    private readonly SafeFdHandle _fd;
    private Interop.Termios _saved;

    private Terminal(SafeFdHandle fd, Interop.Termios saved)
    {
        _fd = fd;
        _saved = saved;
    }

    public static bool IsTerminal(int fd) => Interop.isatty(fd) == 1;

    /// <summary>Puts the terminal on <paramref name="fd"/> in raw mode (no echo, no line editing, no signals from keys).</summary>
    public static unsafe Terminal MakeRaw(int fd)
    {
        var handle = new SafeFdHandle(fd, ownsHandle: false);
        Interop.Termios t;
        Errors.Check(Interop.tcgetattr(handle, &t), "tcgetattr", $"fd {fd}");
        var raw = t;
        Interop.cfmakeraw(&raw);
        Errors.Check(Interop.tcsetattr(handle, TCSANOW, &raw), "tcsetattr", $"fd {fd}");
        return new Terminal(handle, t);
    }

    public unsafe void Dispose()
    {
        fixed (Interop.Termios* t = &_saved) Interop.tcsetattr(_fd, TCSANOW, t);
    }
}
