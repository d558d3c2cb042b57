using Nido.Oci.Runtime;

namespace Nido.Cgroups.V2;

/// <summary>cgroup v2: one directory; controllers enabled down the tree through cgroup.subtree_control.</summary>
internal sealed class UnifiedManager(string path) : ICgroupManager
{
    private static readonly IV2Controller[] Controllers = [new MemoryV2(), new CpuV2(), new CpusetV2(), new PidsV2(), new IoV2(), new HugetlbV2()];

    public IReadOnlyDictionary<string, string> Paths { get; } = new Dictionary<string, string> { ["unified"] = path };

    public void Create()
    {
        // Enable every available controller from the hierarchy's root down to our parent, then make our directory.
        var parent = Path.GetDirectoryName(path)!;
        var chain = new Stack<string>();
        for (var dir = parent; dir is not null && CgroupFiles.Has(dir, "cgroup.controllers"); dir = Path.GetDirectoryName(dir)) chain.Push(dir);
        while (chain.Count > 0)
        {
            var dir = chain.Pop();
            Directory.CreateDirectory(dir);
            var available = (CgroupFiles.Read(dir, "cgroup.controllers") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var enabled = (CgroupFiles.Read(dir, "cgroup.subtree_control") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var missing = new List<string>();
            foreach (var controller in available)
                if (Array.IndexOf(enabled, controller) < 0 && !missing.Contains("+" + controller)) missing.Add("+" + controller);
            if (missing.Count > 0) CgroupFiles.Write(dir, "cgroup.subtree_control", string.Join(' ', missing));
        }
        Directory.CreateDirectory(path);
    }

    public string? CloneTarget => path;

    public IReadOnlyList<string> SelfJoinFiles => [];

    public void AddProcess(int pid) => CgroupFiles.Write(path, "cgroup.procs", pid.ToString());

    public void Apply(Resources resources)
    {
        var available = (CgroupFiles.Read(path, "cgroup.controllers") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var c in Controllers)
        {
            if (!c.Requested(resources)) continue;
            if (!available.Contains(c.Name)) throw new CgroupException($"linux.resources asks for the {c.Name} controller, which is not enabled for {path}");
            c.Apply(path, resources);
        }
        if (resources.Devices is { } devices) DevicesV2.Apply(path, devices);
        foreach (var (file, value) in resources.Unified ?? [])
        {
            if (file.Contains('/') || file.StartsWith("cgroup.", StringComparison.Ordinal) && file is not ("cgroup.max.depth" or "cgroup.max.descendants"))
                throw new CgroupException($"linux.resources.unified: \"{file}\" is not a controller file");
            CgroupFiles.Write(path, file, value);
        }
    }

    public void Freeze() => SetFrozen(true);

    public void Thaw() => SetFrozen(false);

    public bool IsFrozen => (CgroupFiles.Read(path, "cgroup.events") ?? "").Split('\n').Contains("frozen 1");

    private void SetFrozen(bool frozen)
    {
        CgroupFiles.Write(path, "cgroup.freeze", frozen ? "1" : "0");
        for (var i = 0; i < 1000 && IsFrozen != frozen; i++) Thread.Sleep(1);
    }

    public IReadOnlyList<int> Processes() => Directory.Exists(path) ? CgroupFiles.Pids(path) : [];

    public void Destroy() => CgroupFiles.Remove(path);
}
