using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Containers.Init;

/// <summary>Where the init stops for the runtime, by the names <see cref="ChildProcess.Resume"/> returns.</summary>
internal static class InitPauses
{
    /// <summary>
    /// Where an init that runs ahead (see <see cref="InitScript"/>) must be in its cgroups: before a cgroup2 mount,
    /// prestart hooks, or v1 cgroup binds whose directories it did not make itself, else once its root is built. The runtime creates them and moves the init in meanwhile; a cgroup
    /// namespace is made right after, rooted there.
    /// </summary>
    public const string Cgroups = "cgroups";
    /// <summary>Mounts made, before the pivot: prestart, createRuntime and createContainer hooks run now.</summary>
    public const string Hooks = "hooks";
    /// <summary>The root is in place: the runtime takes the console, finds the program and saves the state.</summary>
    public const string Ready = "ready";
    /// <summary>The init dropped its parent-death signal: `create` may exit.</summary>
    public const string Committed = "committed";
}

/// <summary>
/// The container's init as one spawn script: no second runtime process starts. The trampoline child builds the root,
/// pauses for hooks and for `create` to commit, waits on the exec fifo for `start` (and on the hooks fifo for startContainer
/// hooks), sets its limits, then the spawn's tail applies credentials and executes the program.
/// </summary>
internal sealed class InitScript
{
    public SpawnScript Script { get; } = new();

    /// <summary>The console's master in the child, for the runtime to take (pidfd_getfd) and pass to --console-socket.</summary>
    public SpawnFdSlot? ConsoleMaster { get; }

    /// <summary>The <see cref="InitPauses.Cgroups"/> pause comes once the root is complete (pivoted, nothing left to mount).</summary>
    public bool RootBuiltAtCgroupsPause { get; }

    /// <summary>Without a mount namespace: the mount points the init makes in the runtime's namespace (null otherwise).</summary>
    public List<string>? HostMounts { get; }

    /// <param name="execFifo">The fifo `start` opens; null when the program starts at commit (`run`).</param>
    /// <param name="parentDeathSignal">Set again after the uid change (a change of credentials clears it).</param>
    /// <param name="runAhead">
    /// Namespaces the init makes itself as it starts (a new network namespace, the costliest to create, is then made
    /// while the runtime sets up the cgroups), with the cgroup namespace made after the <see cref="InitPauses.Cgroups"/>
    /// pause; null when the init waits for its release before its first step (a new user namespace needs its maps first).
    /// </param>
    /// <param name="selfJoin">
    /// With <paramref name="runAhead"/>: v1 `tasks` files the init opens as it starts (making their directories if the
    /// runtime has not yet) and writes "0" to after the cgroups pause, joining by itself without a grace period
    /// (see <see cref="Cgroups.ICgroupManager.SelfJoinFiles"/>); the runtime then moves nothing.
    /// </param>
    public InitScript(Spec spec, string rootfs, bool noPivot, Cgroups.CgroupLayout cgroupLayout, IReadOnlyDictionary<string, string> cgroupPaths, SafeFdHandle? execFifo, SafeFdHandle? hooksFifo, int parentDeathSignal, NamespaceFlags? runAhead = null, IReadOnlyList<string>? selfJoin = null)
    {
        var namespaces = spec.Linux?.Namespaces ?? [];
        var user = SpecValidator.Find(namespaces, "user");
        var userNs = user is not null;
        var mountNs = SpecValidator.Find(namespaces, "mount") is not null;
        var process = spec.Process!;
        var h = spec.Hooks;
        var hasCreateHooks = (h?.Prestart?.Count ?? 0) + (h?.CreateRuntime?.Count ?? 0) + (h?.CreateContainer?.Count ?? 0) > 0;
        var s = Script;

        // A new user namespace's maps were written during the release wait: become its root to create and mount.
        if (user is not null && string.IsNullOrEmpty(user.Path))
        {
            s.BecomeRoot();
            if (parentDeathSignal != 0) s.SetParentDeathSignal(parentDeathSignal);
        }
        // A new network namespace has "lo" down; runc and crun bring it up (here as soon as the namespace exists).
        var newNet = SpecValidator.Find(namespaces, "network") is { Path: null or "" };
        if (newNet && runAhead is null) s.BringUpLoopback(); // made by the clone, owned by the new user namespace
        var rootfsScript = new RootfsScript(s, new RootfsView(rootfs), spec, userNs, cgroupLayout, cgroupPaths);
        if (runAhead is { } ahead)
        {
            if ((ahead & ~NamespaceFlags.Cgroup) != 0) s.Unshare(ahead & ~NamespaceFlags.Cgroup);
            if ((ahead & NamespaceFlags.Net) != 0) s.BringUpLoopback();
            // Opened now, while the host's cgroup mounts are still in view (the pause may come after the pivot).
            var joins = new List<(SpawnFdSlot Slot, string File)>();
            foreach (var file in selfJoin ?? [])
            {
                foreach (var mountPoint in cgroupLayout.V1Controllers.Values)
                    if (file.StartsWith(mountPoint + "/", StringComparison.Ordinal))
                    {
                        s.MakeDirectories(Path.GetDirectoryName(file)!, below: mountPoint, bestEffort: true);
                        break;
                    }
                var slot = new SpawnFdSlot();
                s.OpenInto(file, FileIo.O_WRONLY, slot);
                joins.Add((slot, file));
            }
            rootfsScript.CgroupDirectoriesMade = joins.Count > 0;
            rootfsScript.BeforeCgroups = () =>
            {
                s.Pause(InitPauses.Cgroups);
                foreach (var (slot, file) in joins)
                {
                    s.Write(slot, "0"u8, $"{file} (joining the container's cgroup)");
                    s.Close(slot);
                }
                if ((ahead & NamespaceFlags.Cgroup) != 0) s.Unshare(NamespaceFlags.Cgroup);
            };
        }
        // A cgroup2 mount places the cgroups pause before itself.
        if (mountNs) rootfsScript.Prepare();
        else
        {
            rootfsScript.PrepareInRuntimeNamespace();
            HostMounts = rootfsScript.MountPoints;
        }
        if (hasCreateHooks)
        {
            rootfsScript.PlaceCgroupsPause(); // the hooks see the init in its cgroups
            s.Pause(InitPauses.Hooks);
        }
        if (mountNs)
        {
            rootfsScript.EnterRoot(noPivot);
            s.MakeDirectories(process.Cwd); // before a read-only root makes that impossible
            rootfsScript.Finish();
        }
        else
        {
            s.ChangeRoot(rootfs);
            s.ChangeDirectory("/");
            rootfsScript.Finish(); // sysctls only: the validator refuses the rest without a mount namespace
        }
        if (!string.IsNullOrEmpty(spec.Hostname)) s.SetHostname(spec.Hostname);
        if (!string.IsNullOrEmpty(spec.Domainname)) s.SetDomainname(spec.Domainname);
        // Otherwise as late as possible: the whole root is built while the runtime makes the cgroups and moves the init.
        RootBuiltAtCgroupsPause = rootfsScript.PlaceCgroupsPause();
        if (process.Terminal)
        {
            ConsoleMaster = new SpawnFdSlot();
            var size = process.ConsoleSize;
            s.OpenConsole(ConsoleMaster, new SpawnFdSlot(), (ushort)(size?.Height ?? 24), (ushort)(size?.Width ?? 80));
        }
        // The fifos are reopened through /proc/self/fd once committed, where a failure could no longer be reported.
        var execSlot = execFifo is null ? null : new SpawnFdSlot(execFifo);
        var hooksSlot = hooksFifo is null ? null : new SpawnFdSlot(hooksFifo);
        if (execSlot is not null) s.CheckReopenable(execSlot, "exec fifo through /proc/self/fd: `start` needs /proc mounted in the container");
        if (hooksSlot is not null) s.CheckReopenable(hooksSlot, "hooks fifo through /proc/self/fd: startContainer hooks need /proc mounted in the container");
        s.PauseForProgram(InitPauses.Ready);
        if (ConsoleMaster is not null) s.Close(ConsoleMaster);
        s.SetParentDeathSignal(0);
        s.Report(InitPauses.Committed);

        // The fifos live in the runtime's state dir, reopened through descriptors taken before the pivot.
        if (execSlot is not null) s.WriteFile(execSlot, "0"u8, "exec fifo (waiting for start)");
        if (hooksSlot is not null) s.AwaitByte(hooksSlot, "hooks fifo (waiting for startContainer hooks)");
        foreach (var r in process.Rlimits ?? [])
            s.SetResourceLimit(ResourceLimits.Resource(r.Type), r.Soft, r.Hard, r.Type);
        if (process.OomScoreAdj is { } adj)
            s.WriteFile("/proc/self/oom_score_adj", System.Text.Encoding.ASCII.GetBytes(adj.ToString()), "oom_score_adj");
    }
}
