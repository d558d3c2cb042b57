using Nido.Linux;

namespace Nido.Engine;

/// <summary>The caller's terminal or pipes, when a container runs attached (`run` without -d, `exec`).</summary>
public sealed record Attachment(bool Interactive)
{
    public static readonly SafeFdHandle StdinFd = new(0, ownsHandle: false);
    public Stream Stdout { get; init; } = Console.OpenStandardOutput();
    public Stream Stderr { get; init; } = Console.OpenStandardError();
}

/// <summary>Copy loops between descriptors, one thread each: the container's output to the log and the terminal, input back.</summary>
public static class Streams
{
    public static Thread Pump(SafeFdHandle source, string stream, ContainerLog? log, Stream? sink)
    {
        var thread = new Thread(() =>
        {
            var buffer = new byte[32 << 10];
            while (true)
            {
                int n;
                try { n = FileIo.Read(source, buffer); }
                catch (ErrnoException) { break; } // EIO: the pty's last slave closed
                if (n <= 0) break;
                log?.Write(stream, buffer.AsSpan(0, n));
                if (sink is null) continue;
                try { sink.Write(buffer, 0, n); sink.Flush(); }
                catch (IOException) { sink = null; } // the terminal went away; keep logging
            }
        }) { IsBackground = true, Name = $"pump {stream}" };
        thread.Start();
        return thread;
    }

    /// <summary>Copies this process's stdin into the container (closing the pipe at EOF unless it is a pty).</summary>
    public static void Feed(SafeFdHandle target, bool closeAtEnd)
    {
        var thread = new Thread(() =>
        {
            var buffer = new byte[16 << 10];
            try
            {
                while (true)
                {
                    var n = FileIo.Read(Attachment.StdinFd, buffer);
                    if (n <= 0) break;
                    FileIo.WriteAll(target, buffer.AsSpan(0, n));
                }
            }
            catch (ErrnoException) { }
            if (closeAtEnd) target.Dispose();
        }) { IsBackground = true, Name = "stdin" };
        thread.Start();
    }

    /// <summary>A unix socket a console-socket caller connects to; the pty master arrives on it by SCM_RIGHTS.</summary>
    public sealed class ConsoleListener : IDisposable
    {
        private readonly System.Net.Sockets.Socket _socket;

        public ConsoleListener()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nido-console-{Guid.NewGuid():N}.sock");
            _socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            _socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path));
            _socket.Listen(1);
        }

        public string Path { get; }

        public SafeFdHandle ReceiveMaster()
        {
            _socket.ReceiveTimeout = 10_000;
            using var connection = _socket.Accept();
            using var fd = new SafeFdHandle((int)connection.Handle, ownsHandle: false);
            var (_, fds) = UnixSockets.ReceiveFds(fd, new byte[4096], 1);
            if (fds.Length != 1) throw new EngineException("the container's console did not arrive");
            return fds[0];
        }

        public void Dispose()
        {
            _socket.Dispose();
            File.Delete(Path);
        }
    }

    /// <summary>While attached to a pty: the terminal raw, its size copied now and on every SIGWINCH.</summary>
    public static IDisposable AttachTerminal(SafeFdHandle master)
    {
        if (!Terminal.IsTerminal(0)) return new Nothing();
        var raw = Terminal.MakeRaw(0);
        void Resize()
        {
            try
            {
                var (rows, columns) = Pty.GetWindowSize(Attachment.StdinFd);
                Pty.SetWindowSize(master, rows, columns);
            }
            catch (ErrnoException) { }
        }
        Resize();
        var winch = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGWINCH, _ => Resize());
        return new Both(winch, raw);
    }

    /// <summary>Attached to a pty until <paramref name="child"/> exits: terminal raw, input fed (if asked), output copied; returns its status.</summary>
    public static int ProxyTerminal(ChildProcess child, SafeFdHandle master, bool feedInput, Stream output)
    {
        using (AttachTerminal(master))
        {
            if (feedInput) Feed(master, closeAtEnd: false);
            var pump = Pump(master, "stdout", null, output);
            var code = child.WaitForExit().ShellCode;
            pump.Join(TimeSpan.FromSeconds(2));
            return code;
        }
    }

    private sealed class Nothing : IDisposable { public void Dispose() { } }

    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose() { a.Dispose(); b.Dispose(); }
    }
}
