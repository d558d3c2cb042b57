using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Containers;

/// <summary>One container in a runtime root. Operations live in Container.&lt;Verb&gt;.cs.</summary>
public sealed partial class Container
{
    private Container(StateStore store, ContainerState state)
    {
        Store = store;
        State = state;
    }

    public StateStore Store { get; }

    public ContainerState State { get; private set; }

    public string Id => State.Id;

    public string Directory => Store.DirectoryOf(Id);

    public static Container Load(StateStore store, string id) => new(store, store.Load(ContainerId.Validate(id)));

    /// <summary>creating, created, running, paused or stopped, derived from the init process and the exec fifo.</summary>
    public string Status
    {
        get
        {
            var alive = State.InitPid > 0 && ProcessInfo.IsAlive(State.InitPid, State.InitStartTime);
            // Not yet complete: its init may not be on record yet, but a live creator is still at work.
            if (!State.Complete) return alive || CreatorAlive(State) ? "creating" : "stopped";
            if (!alive) return "stopped";
            if (File.Exists(Path.Combine(Directory, StateStore.ExecFifo))) return "created";
            return Cgroup?.IsFrozen == true ? "paused" : "running";
        }
    }

    /// <summary>The OCI state document (with runc's rootfs/created/owner), as `state` prints it.</summary>
    public State ToOciState()
    {
        var status = Status;
        return new State
        {
            Id = Id,
            Status = status,
            Pid = status is "stopped" ? 0 : State.InitPid,
            Bundle = State.Bundle,
            Rootfs = State.Rootfs,
            Created = State.Created,
            Owner = State.Owner,
            Annotations = State.Annotations,
        };
    }

    private Spec? _spec;

    /// <summary>The config.json snapshot taken at create (read once per Container: it never changes).</summary>
    public Spec Spec => _spec ??= Oci.OciJson.ReadSpec(Path.Combine(Directory, StateStore.ConfigFile));

    /// <summary>The container's cgroups as recorded at create (null for containers without them).</summary>
    internal Cgroups.ICgroupManager? Cgroup =>
        State.CgroupMode is { } mode && State.CgroupPaths is { } paths ? Cgroups.CgroupManager.FromPaths(mode, paths) : null;

    /// <summary>A pidfd for the init, or null when it is gone (never a recycled pid).</summary>
    private SafeFdHandle? OpenInit()
    {
        if (State.InitPid <= 0) return null;
        try
        {
            var fd = PidFd.Open(State.InitPid);
            if (ProcessInfo.IsAlive(State.InitPid, State.InitStartTime)) return fd;
            fd.Dispose();
        }
        catch (ErrnoException e) when (e.Errno == Errno.ESRCH) { }
        return null;
    }
}
