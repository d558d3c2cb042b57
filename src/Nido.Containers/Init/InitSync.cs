using System.Text;
using Nido.Linux;

namespace Nido.Containers.Init;

/// <summary>
/// The line protocol between `nido create` and the container init over a socketpair:
/// init sends "ready" once the container is set up, or "error MESSAGE" and exits.
/// </summary>
internal static class InitSync
{
    public const string SyncFdVariable = "_NIDO_INIT_SYNC_FD", ConsoleFdVariable = "_NIDO_INIT_CONSOLE_FD", StateDirVariable = "_NIDO_INIT_STATE_DIR";

    public static void Send(SafeFdHandle socket, string line) => FileIo.WriteAll(socket, Encoding.UTF8.GetBytes(line.Replace('\n', ' ') + "\n"));

    /// <summary>Reads one line; null when the peer closed without sending one (init died).</summary>
    public static string? Receive(SafeFdHandle socket)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (FileIo.Read(socket, one) == 1)
        {
            if (one[0] == '\n') return Encoding.UTF8.GetString(bytes.ToArray());
            bytes.Add(one[0]);
        }
        return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
    }
}
