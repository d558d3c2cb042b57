using System.Net.Sockets;
using System.Text;
using Nido.Linux;

namespace Nido.Containers.Tests;

/// <summary>The receiving end of --console-socket, as conmon and containerd's shim run it: one pty master per connection.</summary>
internal sealed class ConsoleSocket : IDisposable
{
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nido-console-{Guid.NewGuid():N}.sock");

    public ConsoleSocket()
    {
        listener.Bind(new UnixDomainSocketEndPoint(Path));
        listener.Listen(4);
    }

    /// <summary>Accepts the runtime's connection and returns the master and the slave's name (the message payload).</summary>
    public Task<(SafeFdHandle Master, string Name)> ReceiveAsync() => Task.Run(() =>
    {
        using var conn = listener.Accept();
        var buffer = new byte[4096];
        var (n, fds) = UnixSockets.ReceiveFds(new SafeFdHandle((int)conn.Handle, ownsHandle: false), buffer);
        return (Assert.Single(fds), Encoding.UTF8.GetString(buffer, 0, n));
    });

    /// <summary>Everything the terminal shows until the slave side is closed by every process.</summary>
    public static string ReadAll(SafeFdHandle master)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int n;
            try { n = FileIo.Read(master, buffer); }
            catch (ErrnoException e) when (e.Errno == Errno.EIO) { break; } // the last slave descriptor was closed
            if (n == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        return text.ToString();
    }

    public void Dispose()
    {
        listener.Dispose();
        File.Delete(Path);
    }
}
