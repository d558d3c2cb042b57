using System.Text;

namespace Nido.Linux.Tests;

/// <summary>Spawns a program with stdout/stderr on pipes and collects them.</summary>
internal static class Run
{
    public sealed record Result(ExitStatus Status, string Stdout, string Stderr);

    public static Result Capture(SpawnOptions options)
    {
        var (outR, outW) = FileIo.Pipe();
        var (errR, errW) = FileIo.Pipe();
        using (outR)
        using (errR)
        {
            ChildProcess child;
            using (outW)
            using (errW)
            {
                child = ProcessSpawner.Spawn(options with
                {
                    Fds = [.. options.Fds, new FdMapping(outW, 1), new FdMapping(errW, 2)],
                });
            }
            using (child)
            {
                var stdout = Task.Run(() => ReadAll(outR));
                var stderr = Task.Run(() => ReadAll(errR));
                var status = child.WaitForExit();
                return new Result(status, stdout.Result, stderr.Result);
            }
        }
    }

    public static Result Shell(string script, NamespaceFlags ns = NamespaceFlags.None, string? hostname = null) =>
        Capture(new SpawnOptions { Path = "/bin/sh", Arguments = ["sh", "-c", script], NewNamespaces = ns, Hostname = hostname });

    public static string ReadAll(SafeFdHandle fd)
    {
        var sb = new StringBuilder();
        var buf = new byte[4096];
        int n;
        while ((n = FileIo.Read(fd, buf)) > 0) sb.Append(Encoding.UTF8.GetString(buf, 0, n));
        return sb.ToString();
    }
}
