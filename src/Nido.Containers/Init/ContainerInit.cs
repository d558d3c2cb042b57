using Nido.Linux;
using Nido.Oci;
using Nido.Oci.Runtime;

namespace Nido.Containers.Init;

/// <summary>
/// `nido init`: runs as the container's first process, inside its namespaces. Sets up the filesystem,
/// reports "ready" to `nido create`, blocks on the exec fifo until `nido start`, then becomes the program.
/// </summary>
public static class ContainerInit
{
    public static int Run()
    {
        var stateDir = Environment.GetEnvironmentVariable(InitSync.StateDirVariable);
        if (!int.TryParse(Environment.GetEnvironmentVariable(InitSync.SyncFdVariable), out var syncFd) || stateDir is null)
        {
            Console.Error.WriteLine("nido init: this command is started by `nido oci create`, not by hand");
            return 1;
        }
        using var sync = new SafeFdHandle(syncFd);
        Spec spec;
        string program;
        int hostPid;
        string bundle;
        var id = Path.GetFileName(stateDir); // the state dir is the host's: read what hooks need before the pivot hides it
        try
        {
            spec = OciJson.ReadSpec(Path.Combine(stateDir, StateStore.ConfigFile));
            // `create` saved the state before releasing us: bundle, rootfs and the cgroups it moved us into
            // (a cgroup namespace hides their paths from /proc/self/cgroup).
            var state = new StateStore(Path.GetDirectoryName(stateDir)!).Load(id);
            bundle = state.Bundle;
            var rootfs = state.Rootfs;
            var userNs = spec.Linux?.Namespaces?.Any(n => n.Type == "user") == true;
            var mountNs = spec.Linux?.Namespaces?.Any(n => n.Type == "mount") == true;
            var noPivot = Environment.GetEnvironmentVariable("_NIDO_INIT_NO_PIVOT") == "1";

            if (mountNs) RootfsSetup.Prepare(spec, rootfs, userNs, state.CgroupPaths ?? []);
            hostPid = RunCreateHooks(spec, sync, id, bundle);
            if (mountNs)
            {
                RootfsSetup.EnterRoot(rootfs, noPivot);
                Directory.CreateDirectory(spec.Process!.Cwd); // before a read-only root makes that impossible
                RootfsSetup.Finish(spec);
            }
            else
            {
                Mounts.ChangeRoot(rootfs);
                Mounts.ChangeDirectory("/");
            }
            if (!string.IsNullOrEmpty(spec.Hostname)) Namespaces.SetHostname(spec.Hostname);
            if (!string.IsNullOrEmpty(spec.Domainname)) Namespaces.SetDomainname(spec.Domainname);
            program = ProcessSetup.ResolveProgram(spec.Process!); // a missing program fails `create`, not `start`
            if (spec.Process!.Terminal) SetUpConsole(spec.Process);
        }
        catch (Exception e)
        {
            InitSync.Send(sync, "error " + e.Message);
            return 1;
        }

        InitSync.Send(sync, "ready");
        if (InitSync.Receive(sync) != "commit") return 1; // `create` failed or was killed after all: nothing to run
        Prctl.SetParentDeathSignal(0);
        InitSync.Send(sync, "committed");
        // The fifo lives in the runtime's state dir, opened through /proc/self/fd of a descriptor taken before the pivot.
        var fifoFd = Environment.GetEnvironmentVariable("_NIDO_INIT_FIFO_FD");
        try
        {
            using (var fifo = FileIo.Open($"/proc/self/fd/{fifoFd}", FileIo.O_WRONLY)) // blocks until `start` opens it for reading
                FileIo.Write(fifo, "0"u8);
            if (spec.Hooks?.StartContainer is { Count: > 0 } startHooks)
                Hooks.HookRunner.RunAll("startContainer", startHooks, HookState(spec, id, bundle, "created", hostPid));
            ProcessSetup.ApplyAndExec(spec.Process!, program, spec.Linux?.Seccomp);
            return 127; // not reached: Execve throws on failure
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"nido: exec failed: {e.Message}");
            return 127;
        }
    }

    /// <summary>
    /// With create-time hooks, the runtime runs prestart/createRuntime now (mounts made, no pivot yet) and
    /// answers with the init's pid as the host sees it; then createContainer hooks run here, in our namespaces.
    /// </summary>
    private static int RunCreateHooks(Spec spec, SafeFdHandle sync, string id, string bundle)
    {
        var h = spec.Hooks;
        if ((h?.Prestart?.Count ?? 0) + (h?.CreateRuntime?.Count ?? 0) + (h?.CreateContainer?.Count ?? 0) + (h?.StartContainer?.Count ?? 0) == 0) return 0;
        InitSync.Send(sync, "hooks");
        var reply = InitSync.Receive(sync) ?? throw new ContainerException("the runtime went away during create hooks");
        if (!reply.StartsWith("continue ", StringComparison.Ordinal) || !int.TryParse(reply[9..], out var pid))
            throw new ContainerException($"unexpected reply from the runtime: {reply}");
        Hooks.HookRunner.RunAll("createContainer", h?.CreateContainer, HookState(spec, id, bundle, "creating", pid));
        return pid;
    }

    private static State HookState(Spec spec, string id, string bundle, string status, int pid) =>
        new() { Id = id, Status = status, Pid = pid, Bundle = bundle, Annotations = spec.Annotations };

    private static void SetUpConsole(Process process)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(InitSync.ConsoleFdVariable), out var consoleFd))
            throw new ContainerException("process.terminal is true but no --console-socket was given");
        using var socket = new SafeFdHandle(consoleFd);
        var size = process.ConsoleSize;
        using var pty = Pty.Open((ushort)(size?.Height ?? 24), (ushort)(size?.Width ?? 80));
        UnixSockets.SendFds(socket, System.Text.Encoding.UTF8.GetBytes(pty.SlaveName), [pty.Master]);
        Namespaces.NewSession();
        Pty.MakeControllingTerminal(pty.Slave);
        for (var fd = 0; fd <= 2; fd++) FileIo.DuplicateTo(pty.Slave, fd);
    }
}
