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
        // With every process gone (killed above, or stopped), before the cgroups: a failing cgroup removal must not
        // keep the mounts on the host.
        if (State.HostMounts is { } hostMounts)
            try { UnmountHostMounts(hostMounts); }
            catch (ErrnoException e) { throw new ContainerException($"container {Id}: unmounting what it mounted without a mount namespace: {e.Message}", e); }
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
    /// newest first and detached with what lies on them. Only a recorded point that the mount table lists as a mount
    /// point now is touched: create refused points that were mount points before, and with the container's
    /// processes gone, a symlink it left in the rootfs cannot turn a recorded path into a host mount (the table
    /// names the host's mount by its own path, not through the link).
    /// </summary>
    private static void UnmountHostMounts(List<string> mountPoints)
    {
        var mounted = MountInfo.MountPointsOfSelf();
        for (var i = mountPoints.Count - 1; i >= 0; i--)
        {
            if (!mounted.Contains(mountPoints[i])) continue;
            try { Mounts.Unmount(mountPoints[i], UnmountFlags.Detach | UnmountFlags.NoFollow); }
            catch (ErrnoException e) when (e.Errno is Errno.EINVAL or Errno.ENOENT or Errno.ENOTDIR) { } // a second mount at one point: gone with the first
        }
    }

    /// <summary>
    /// Create's check for a container without a mount namespace: its init mounts on the host, so none of its points
    /// may be a mount point already (delete could not tell that mount from the container's), and the rootfs may not
    /// be the host's root.
    /// </summary>
    private static void CheckHostMountPoints(string rootfs, List<string> mountPoints)
    {
        if (rootfs == "/") throw new ContainerException("root.path is the host's root: without a mount namespace the container's mounts would cover the host's /proc, /dev and /sys");
        var mounted = MountInfo.MountPointsOfSelf();
        foreach (var point in mountPoints)
            if (mounted.Contains(point))
                throw new ContainerException($"{point} is already a mount point: without a mount namespace the container mounts there on the host, and delete could not tell the two apart");
    }
}
