using Nido.Containers;
using Nido.Images.Layers;
using Nido.Images.Store;
using Nido.Linux;
using Nido.Oci;
using Nido.Oci.Runtime;

namespace Nido.Engine;

public sealed partial class Engine
{
    /// <summary>
    /// Runs the container to its end as its monitor. <paramref name="ready"/> is told once: null when the program has
    /// started, or the error. Returns the program's exit code (Docker's: 125 if it could not be started).
    /// </summary>
    public int Monitor(string id, Attachment? attach, Action<string?> ready)
    {
        var record = Containers.Load(id) ?? throw new EngineException($"No such container: {id}", 1);
        record = record with { MonitorPid = Environment.ProcessId, MonitorStartTime = ProcessInfo.StartTime(Environment.ProcessId) };
        Containers.Save(record);
        var dir = Containers.DirectoryOf(id);
        var rootfs = Path.Combine(dir, "rootfs");
        var c = record.Config;
        var cleanup = new List<IDisposable>();
        Container? container = null;
        ChildProcess? init = null;
        var pumps = new List<Thread>();
        int code;
        var reported = false;
        try
        {
            var image = Images.Find(record.ImageId) ?? throw new EngineException($"image {record.ImageName} ({record.ImageId}) is no longer in the store");
            Snapshots.Mount(image, rootfs, dir);
            var spec = SpecBuilder.Build(c, image, id, rootfs, dir);
            var bundle = Path.Combine(dir, "bundle");
            Directory.CreateDirectory(bundle);
            File.WriteAllText(Path.Combine(bundle, "config.json"), SpecWriter.Write(spec));

            var log = Track(cleanup, new ContainerLog(Path.Combine(dir, ContainerStore.LogFile)));
            Streams.ConsoleListener? console = null;
            SafeFdHandle?[] stdio;
            (SafeFdHandle Read, SafeFdHandle Write)? stdin = null, stdout = null, stderr = null;
            if (c.Tty)
            {
                console = Track(cleanup, new Streams.ConsoleListener());
                stdio = [];
            }
            else
            {
                stdout = FileIo.Pipe();
                stderr = FileIo.Pipe();
                Track(cleanup, stdout.Value.Read);
                Track(cleanup, stderr.Value.Read);
                if (c.Interactive && attach is not null) stdin = FileIo.Pipe();
                var input = stdin?.Read ?? Track(cleanup, FileIo.Open("/dev/null", FileIo.O_RDONLY));
                stdio = [input, stdout.Value.Write, stderr.Value.Write];
            }

            (container, init) = Container.Create(Runtime, new CreateOptions(id, bundle) { ConsoleSocket = console?.Path, Stdio = stdio });
            // Only the container holds the write ends now: its exit is our EOF.
            stdout?.Write.Dispose();
            stderr?.Write.Dispose();
            stdin?.Read.Dispose();

            SafeFdHandle? master = null;
            if (console is not null) master = Track(cleanup, console.ReceiveMaster());
            container.Start();
            Container.AwaitProgram(init);
            record = record with { StartedAt = DateTimeOffset.UtcNow };
            Containers.Save(record);
            reported = true;
            ready(null);

            if (master is not null)
            {
                if (attach is not null)
                {
                    Track(cleanup, Streams.AttachTerminal(master));
                    if (c.Interactive) Streams.Feed(master, closeAtEnd: false);
                }
                pumps.Add(Streams.Pump(master, "stdout", log, attach?.Stdout));
            }
            else
            {
                pumps.Add(Streams.Pump(stdout!.Value.Read, "stdout", log, attach?.Stdout));
                pumps.Add(Streams.Pump(stderr!.Value.Read, "stderr", log, attach?.Stderr));
                if (stdin is { } s) Streams.Feed(s.Write, closeAtEnd: true);
            }
            using (attach is not null && !c.Tty ? SignalForwarding.To(init) : null)
                code = init.WaitForExit().ShellCode;
            foreach (var pump in pumps) pump.Join(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is EngineException or ContainerException or Nido.Images.ImageException or OciException or ErrnoException or IOException)
        {
            code = e is EngineException ee ? ee.ExitCode : ExitCodeFor(e.Message);
            record = record with { Error = e.Message };
            if (!reported) ready(e.Message);
            else attach?.Stderr.Write(System.Text.Encoding.UTF8.GetBytes($"nido: {e.Message}\n"));
        }
        finally
        {
            init?.Dispose();
            foreach (var d in Enumerable.Reverse(cleanup)) try { d.Dispose(); } catch (Exception) { }
            try { (container ?? RuntimeContainer(record))?.Delete(force: true); } catch (ContainerException) { }
            Snapshotter.Unmount(rootfs);
        }
        record = record with { FinishedAt = DateTimeOffset.UtcNow, ExitCode = code, MonitorPid = 0, MonitorStartTime = 0 };
        if (c.AutoRemove) Containers.Remove(id);
        else Containers.Save(record);
        return code;
    }

    /// <summary>Docker's codes when the program cannot be run: 127 not found, 126 not executable.</summary>
    private static int ExitCodeFor(string message) =>
        message.Contains("no such file") || message.Contains("not found") || message.Contains("ENOENT") ? 127
        : message.Contains("permission denied") || message.Contains("EACCES") ? 126 : 125;

    private static T Track<T>(List<IDisposable> list, T item) where T : IDisposable
    {
        list.Add(item);
        return item;
    }
}
