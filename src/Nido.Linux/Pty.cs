namespace Nido.Linux;

/// <summary>A pseudo-terminal pair: the master stays with the caller (or goes to a console socket), the slave becomes a child's stdio.</summary>
public sealed record Pty(SafeFdHandle Master, SafeFdHandle Slave, string SlaveName) : IDisposable
{
    public static unsafe Pty Open(ushort rows = 24, ushort columns = 80)
    {
        int master, slave;
        var name = stackalloc byte[128]; // openpty writes the name unbounded; PATH_MAX-sized names do not occur for /dev/pts
        var size = new Interop.WinSize { ws_row = rows, ws_col = columns };
        Errors.Check(Interop.openpty(&master, &slave, name, null, &size), "openpty");
        var pty = new Pty(new SafeFdHandle(master), new SafeFdHandle(slave), new string((sbyte*)name));
        // openpty does not set close-on-exec; descriptors must only reach a child through an explicit mapping.
        FileIo.SetCloseOnExec(pty.Master, true);
        FileIo.SetCloseOnExec(pty.Slave, true);
        return pty;
    }

    /// <summary>
    /// Opens a pty on a given ptmx (such as a container's, through /proc/PID/root/dev/ptmx), so the slave belongs to that
    /// devpts instance and <see cref="SlaveName"/> is the name seen there. The slave comes from the master (TIOCGPTPEER): no path lookup.
    /// </summary>
    public static Pty OpenOn(string ptmx, ushort rows = 24, ushort columns = 80)
    {
        var master = FileIo.Open(ptmx, FileIo.O_RDWR | FileIo.O_NOCTTY);
        try
        {
            var unlock = 0;
            Ioctl.Call(master, Interop.TIOCSPTLCK, ref unlock, "TIOCSPTLCK");
            var number = 0;
            Ioctl.Call(master, Interop.TIOCGPTN, ref number, "TIOCGPTN");
            var slave = new SafeFdHandle(Ioctl.Call(master, Interop.TIOCGPTPEER, FileIo.O_RDWR | FileIo.O_NOCTTY | FileIo.O_CLOEXEC, "TIOCGPTPEER"));
            SetWindowSize(master, rows, columns);
            return new Pty(master, slave, $"/dev/pts/{number}");
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>The slave's name as its devpts instance shows it ("/dev/pts/N", TIOCGPTN on the master).</summary>
    public static string SlaveNameOf(SafeFdHandle master)
    {
        var number = 0;
        Ioctl.Call(master, Interop.TIOCGPTN, ref number, "TIOCGPTN");
        return $"/dev/pts/{number}";
    }

    /// <summary>TIOCSCTTY: makes <paramref name="tty"/> the calling session's controlling terminal (after setsid).</summary>
    public static void MakeControllingTerminal(SafeFdHandle tty) => Ioctl.Call(tty, Interop.TIOCSCTTY, 0, "TIOCSCTTY");

    public static (ushort Rows, ushort Columns) GetWindowSize(SafeFdHandle tty)
    {
        var size = new Interop.WinSize();
        Ioctl.Call(tty, Interop.TIOCGWINSZ, ref size, "TIOCGWINSZ");
        return (size.ws_row, size.ws_col);
    }

    public static void SetWindowSize(SafeFdHandle tty, ushort rows, ushort columns)
    {
        var size = new Interop.WinSize { ws_row = rows, ws_col = columns };
        Ioctl.Call(tty, Interop.TIOCSWINSZ, ref size, "TIOCSWINSZ");
    }

    public void Dispose()
    {
        Master.Dispose();
        Slave.Dispose();
    }
}
