using Nido.Linux;

namespace Nido.Containers;

public sealed partial class Container
{
    /// <summary>Removes a stopped container; with <paramref name="force"/>, kills a live one first and waits for it.</summary>
    public void Delete(bool force = false)
    {
        var status = Status;
        if (status != "stopped")
        {
            if (!force) throw new ContainerException($"cannot delete container {Id} that is not stopped: {status}");
            using var init = OpenInit();
            if (init is not null)
            {
                try { Kill(Signals.SIGKILL, all: true); } catch (ContainerException) { }
                if (!PidFd.WaitForExit(init, 10_000) && ProcessInfo.IsAlive(State.InitPid, State.InitStartTime))
                    throw new ContainerException($"container {Id}: init {State.InitPid} did not die after SIGKILL");
            }
        }
        if (Cgroup is { } cgroup)
        {
            // Stragglers outside the pid namespace's reach (or with no pid namespace) die with the cgroup.
            for (var i = 0; i < 100 && cgroup.Processes() is { Count: > 0 } left; i++)
            {
                if (cgroup.IsFrozen) cgroup.Thaw();
                foreach (var pid in left) try { Signals.SendToProcess(pid, Signals.SIGKILL); } catch (ErrnoException) { }
                Thread.Sleep(10);
            }
            try { cgroup.Destroy(); }
            catch (Cgroups.CgroupException e) { throw new ContainerException($"container {Id}: {e.Message}", e); }
            if (State.CgroupParents is { } parents) Cgroups.CgroupManager.RemoveParents(parents);
        }
        if (State.HostMounts is { } hostMounts) UnmountHostMounts(hostMounts);
        // poststop failures are warnings: the container is gone either way (runtime-spec).
        if (State.Complete && Spec.Hooks?.Poststop is { Count: > 0 } poststop)
        {
            try { Hooks.HookRunner.RunAll("poststop", poststop, ToOciState() with { Status = "stopped", Pid = 0 }); }
            catch (ContainerException e) { Console.Error.WriteLine($"nido: warning: {e.Message}"); }
        }
        Store.Remove(Id);
    }

    /// <summary>
    /// The mounts an init without a mount namespace made in the runtime's (see <see cref="ContainerState.HostMounts"/>),
    /// newest first and detached with what lies on them; a point it never reached is not a mount (EINVAL) or is gone.
    /// </summary>
    private static void UnmountHostMounts(List<string> mountPoints)
    {
        for (var i = mountPoints.Count - 1; i >= 0; i--)
            try { Mounts.Unmount(mountPoints[i], UnmountFlags.Detach | UnmountFlags.NoFollow); }
            catch (ErrnoException e) when (e.Errno is Errno.EINVAL or Errno.ENOENT or Errno.ENOTDIR) { }
    }
}
