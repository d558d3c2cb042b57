using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

/// <summary>cgroup v1 (legacy and hybrid hosts): a directory in every mounted hierarchy.</summary>
internal sealed class LegacyManager(Dictionary<string, string> paths) : ICgroupManager
{
    private static readonly IV1Controller[] Controllers =
        [new MemoryV1(), new CpuV1(), new CpusetV1(), new PidsV1(), new BlkioV1(), new HugetlbV1(), new DevicesV1(), new NetClsV1(), new NetPrioV1()];

    public IReadOnlyDictionary<string, string> Paths => paths;

    // Co-mounted controllers (cpu,cpuacct) share one directory: act on each directory once.
    private List<string> Directories
    {
        get
        {
            var dirs = new List<string>();
            foreach (var dir in paths.Values)
                if (!dirs.Contains(dir)) dirs.Add(dir);
            return dirs;
        }
    }

    public void Create()
    {
        foreach (var dir in Directories) Directory.CreateDirectory(dir);
        if (paths.TryGetValue("cpuset", out var cpuset)) CpusetV1.Initialize(cpuset);
    }

    public string? CloneTarget => null;

    public IReadOnlyList<string> SelfJoinFiles
    {
        get
        {
            var files = new List<string>();
            foreach (var dir in Directories) files.Add(Path.Combine(dir, "tasks"));
            return files;
        }
    }

    public void AddProcess(int pid)
    {
        foreach (var dir in Directories) CgroupFiles.Write(dir, "cgroup.procs", pid.ToString());
    }

    public void Apply(Resources resources)
    {
        foreach (var c in Controllers)
        {
            if (paths.TryGetValue(c.Name, out var dir)) c.Apply(dir, resources);
            else if (Requests(c, resources)) throw new CgroupException($"linux.resources asks for the {c.Name} controller, which is not mounted on this host");
        }
    }

    private static bool Requests(IV1Controller c, Resources r) => c.Name switch
    {
        "memory" => r.Memory is not null, "pids" => r.Pids is not null, "blkio" => r.BlockIO is not null,
        "hugetlb" => r.HugepageLimits is { Count: > 0 }, "cpu" => r.Cpu is { Shares: not null } or { Quota: not null } or { Period: not null },
        "net_cls" => r.Network?.ClassID is not null, "net_prio" => r.Network?.Priorities is { Count: > 0 },
        _ => false,
    };

    public void Freeze() => SetFreezer("FROZEN");

    public void Thaw() => SetFreezer("THAWED");

    public bool IsFrozen => paths.TryGetValue("freezer", out var dir) && CgroupFiles.Read(dir, "freezer.state") is "FROZEN" or "FREEZING";

    private void SetFreezer(string state)
    {
        if (!paths.TryGetValue("freezer", out var dir)) throw new CgroupException("the freezer controller is not mounted: pause/resume are unavailable");
        CgroupFiles.Write(dir, "freezer.state", state);
        for (var i = 0; i < 1000 && CgroupFiles.Read(dir, "freezer.state") != state; i++) Thread.Sleep(1);
    }

    private string? FirstDirectory()
    {
        foreach (var dir in paths.Values) return dir;
        return null;
    }

    public IReadOnlyList<int> Processes()
    {
        var dir = paths.TryGetValue("pids", out var p) ? p : paths.TryGetValue("memory", out var m) ? m : FirstDirectory();
        return dir is null || !Directory.Exists(dir) ? [] : CgroupFiles.Pids(dir);
    }

    public void Destroy()
    {
        foreach (var dir in Directories) CgroupFiles.Remove(dir);
    }
}
