using Nido.Oci.Runtime;

namespace Nido.Containers;

public sealed partial class Container
{
    /// <summary>Freezes every process of the container (freezer controller).</summary>
    public void Pause()
    {
        var status = Status;
        if (status is not ("running" or "created")) throw new ContainerException($"container not running or created: {status}");
        WithCgroup(c => c.Freeze());
    }

    public void Resume()
    {
        if (Status != "paused") throw new ContainerException("container not paused");
        WithCgroup(c => c.Thaw());
    }

    /// <summary>Changes resource limits of a live container (`update`).</summary>
    public void Update(Resources resources)
    {
        if (Status == "stopped") throw new ContainerException("container not running");
        WithCgroup(c => c.Apply(resources));
    }

    private void WithCgroup(Action<Cgroups.ICgroupManager> action)
    {
        var cgroup = Cgroup ?? throw new ContainerException($"container {Id} has no cgroups");
        try { action(cgroup); }
        catch (Cgroups.CgroupException e) { throw new ContainerException(e.Message, e); }
    }
}
