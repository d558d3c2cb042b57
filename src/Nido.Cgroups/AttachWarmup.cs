using Nido.Linux;
namespace Nido.Cgroups;

/// <summary>
/// Moving a process into a cgroup (a cgroup.procs write) takes the kernel's global cgroup_threadgroup_rwsem for
/// writing, which waits for an RCU grace period unless another move ended within the last one: 5–20 ms on small
/// VMs, longer than the rest of a `run`. Re-writing this process's own pid into the cgroup it is already in moves
/// nothing but starts that grace period; done on a background thread as the runtime starts, it passes while the
/// runtime reads its config and clones the init, and the init's real move then finds it over (or shares it).
/// Only where moves happen (v1 and hybrid hosts). Best effort: where no cgroup file is writable (rootless, unusual
/// mounts) nothing happens; NIDO_CGROUP_WARMUP=0 turns it off.
/// </summary>
public static class AttachWarmup
{
    public static void Begin()
    {
        if (Environment.GetEnvironmentVariable("NIDO_CGROUP_WARMUP") == "0") return;
        // A pure v2 host: processes are cloned into their cgroup, no move happens, and a warm-up would only hold
        // cgroup_mutex through its grace period while create wants it (measured: 16 -> 29 ms).
        if (File.Exists("/sys/fs/cgroup/cgroup.controllers")) return;
        // NativeAOT (.NET 9) can livelock when a second thread starts while the main thread still runs the first
        // class constructors: a contended lock initialises its statics through AppContext, whose constructor the
        // other thread may be running while it waits for the cctor lock (seen as a hung `run`). AppContext is
        // initialised here first, so that cycle cannot form.
        _ = AppContext.GetData("System.GC.Concurrent");
        var thread = new Thread(Run) { IsBackground = true, Name = "cgroup-warmup" };
        thread.Start();
    }

    private static void Run()
    {
        try
        {
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString());
            foreach (var file in OwnProcsFiles())
            {
                try
                {
                    // FileMode.Open: a guessed path that is not a cgroup file must not be created (on a hybrid
                    // host /sys/fs/cgroup itself is a tmpfs).
                    using var procs = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                    procs.Write(pid);
                    return;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The cgroup.procs files of this process's own cgroups at the usual mount points, v2 first.</summary>
    internal static IEnumerable<string> OwnProcsFiles()
    {
        foreach (var line in TextFile.Read("/proc/self/cgroup").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            var path = parts[2].TrimStart('/');
            if (parts[1].Length == 0)
            {
                yield return Path.Combine("/sys/fs/cgroup", path, "cgroup.procs");
                yield return Path.Combine("/sys/fs/cgroup/unified", path, "cgroup.procs");
            }
            else
                foreach (var controller in parts[1].Split(','))
                    yield return Path.Combine("/sys/fs/cgroup", controller.Replace("name=", ""), path, "cgroup.procs");
        }
    }
}
