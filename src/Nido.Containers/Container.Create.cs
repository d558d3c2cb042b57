using System.Net.Sockets;
using Nido.Containers.Init;
using Nido.Linux;
using Nido.Oci;
using Nido.Oci.Runtime;

namespace Nido.Containers;

/// <summary>A running container's namespaces to join: pid is entered through a parent thread (<see cref="Container.SpawnInPidNamespace"/>).</summary>
public sealed record ContainerNamespaces(IReadOnlyList<NamespaceJoin> Joins, string? PidPath);

/// <summary>What `create` (and `run`) are given on the command line.</summary>
public sealed record CreateOptions(string Id, string Bundle)
{
    public string? PidFile { get; init; }
    public string? ConsoleSocket { get; init; }
    public bool NoPivot { get; init; }
    public int PreserveFds { get; init; }
    /// <summary>The container's stdin, stdout and stderr (null entries: this process's own, as runc passes them through).</summary>
    public SafeFdHandle?[]? Stdio { get; init; }
    /// <summary>The bundle's config.json if the caller has read it already (<see cref="Container.ReadBundleSpec"/>).</summary>
    public BundleSpec? Config { get; init; }

    /// <summary>
    /// `run`: the program starts as soon as the container is committed, without the exec fifo a separate `start` opens
    /// (unless startContainer hooks must run in between); the caller then calls <see cref="Container.Started"/>.
    /// </summary>
    public bool StartAtOnce { get; init; }
}

/// <summary>A bundle's config.json: parsed, and its text as read (kept in the state directory).</summary>
public sealed record BundleSpec(Spec Spec, string Text);

public sealed partial class Container
{
    /// <summary>The bundle's config.json, for a caller that needs it before <see cref="Create"/> (which then takes it).</summary>
    public static BundleSpec ReadBundleSpec(string bundle)
    {
        var spec = OciJson.ReadSpec(Path.Combine(Path.GetFullPath(bundle), "config.json"), out var text);
        return new BundleSpec(spec, text);
    }

    /// <summary>
    /// Creates the container: its init runs in the new namespaces with the rootfs set up, blocked on the exec fifo.
    /// Returns the init as a child (for `run` to wait on); `create` just lets it go. On any failure nothing is left.
    /// </summary>
    public static (Container Container, ChildProcess Init) Create(StateStore store, CreateOptions o)
    {
        var id = ContainerId.Validate(o.Id);
        if (store.Exists(id)) throw new ContainerException($"container with id exists: {id}");
        var bundle = Path.GetFullPath(o.Bundle);
        var (spec, specText) = o.Config ?? ReadBundleSpec(bundle);
        SpecValidator.Validate(spec);
        var rootfs = Path.GetFullPath(Path.Combine(bundle, spec.Root!.Path));
        if (!System.IO.Directory.Exists(rootfs)) throw new ContainerException($"rootfs ({rootfs}) does not exist");
        if (spec.Process!.Terminal && o.ConsoleSocket is null) throw new ContainerException("cannot allocate tty if runc will detach without setting console socket");
        if (!spec.Process.Terminal && o.ConsoleSocket is not null) throw new ContainerException("cannot use console socket if runc will not detach or allocate tty");
        // A new network namespace with no user namespace to own it is made on a thread of its own from here on, while
        // create goes on; the init joins it. Made in the init instead, it would hold the init's first steps.
        var namespaces = spec.Linux?.Namespaces ?? [];
        using var netns = SpecValidator.Find(namespaces, "network") is { Path: null or "" } && SpecValidator.Find(namespaces, "user") is null
            ? NetworkNamespaceMaker.Start() : null;

        System.IO.Directory.CreateDirectory(store.Root);
        var dir = store.DirectoryOf(id);
        // mkdir claims the id: a concurrent create of the same id fails here, before its clean-up could remove ours.
        try { Nodes.MakeDirectory(dir, 0x1ed /* 0755 */); }
        catch (ErrnoException e) when (e.Errno == Errno.EEXIST) { throw new ContainerException($"container with id exists: {id}"); }
        var disposables = new List<IDisposable>();
        ChildProcess? init = null;
        Cgroups.ICgroupManager? cgroup = null;
        List<string>? hostMounts = null, cgroupParents = null;
        try
        {
            // The cgroups are known before the init exists: a v1 "cgroup" mount binds them.
            var layout = Cgroups.CgroupLayout.DetectSelf();
            cgroup = Cgroups.CgroupManager.For(layout, spec.Linux?.CgroupsPath, id);
            // Recorded first, so a `create` killed at any later point leaves a state that says what to clean up (the
            // init, or the runtime, may make the cgroups from the clone on). The owner's name and the config copy,
            // which clean-up does not need, wait until the init is building its root.
            cgroupParents = Cgroups.CgroupManager.MissingParents(cgroup) is { Count: > 0 } missing ? missing : null;
            var partial = new ContainerState
            {
                Id = id, Bundle = bundle, Rootfs = rootfs, Created = DateTimeOffset.UtcNow,
                CreatorPid = Environment.ProcessId, CreatorStartTime = ProcessInfo.StartTime(Environment.ProcessId),
                CgroupMode = Cgroups.CgroupManager.ModeOf(cgroup), CgroupPaths = new Dictionary<string, string>(cgroup.Paths),
                CgroupParents = cgroupParents,
            };
            store.Save(partial);
            SafeFdHandle MakeFifo(string name)
            {
                var path = Path.Combine(dir, name);
                Nodes.MakeFifo(path, 0x180); // 0600
                if (HostIdOfRoot(spec.Linux?.UidMappings) is { } rootUid)
                    Nodes.ChownNoFollow(path, rootUid, HostIdOfRoot(spec.Linux?.GidMappings) ?? 0); // the init opens it as the namespace's root
                return Track(disposables, FileIo.Open(path, FileIo.O_PATH));
            }
            var startAtOnce = o.StartAtOnce && spec.Hooks?.StartContainer is not { Count: > 0 };
            var fifo = startAtOnce ? null : MakeFifo(StateStore.ExecFifo);
            var hooksFifo = spec.Hooks?.StartContainer is { Count: > 0 } ? MakeFifo(StateStore.HooksFifo) : null;
            var console = o.ConsoleSocket is { } consolePath ? Track(disposables, ConnectConsole(consolePath)) : null;

            var fds = PreservedFds(o.PreserveFds, disposables);
            for (var i = 0; i < (o.Stdio?.Length ?? 0); i++)
                if (o.Stdio![i] is { } stdio) fds.Add(new FdMapping(stdio, i));
            var (newNs, joins, pidNsPath) = PlanNamespaces(namespaces, disposables, "linux.namespaces: cannot open");
            if (netns is not null) newNs &= ~NamespaceFlags.Net; // joined instead (below)
            // If this process is killed before the container is committed, the init dies with it (it clears this at commit);
            // not in a joined pid namespace, which the init is spawned into from a thread that ends at once.
            var deathSignal = pidNsPath is null ? Signals.SIGKILL : 0;
            // Without a new user namespace nothing needs the runtime before the init's first step: it makes its network
            // namespace (half of a clone's cost) and builds its root while the runtime sets up the cgroups, and meets it
            // at the cgroups pause (see InitPauses.Cgroups). A new user namespace's maps must be written first: the init
            // then waits from the start.
            NamespaceFlags? runAhead = (newNs & NamespaceFlags.User) == 0 ? newNs & (NamespaceFlags.Net | NamespaceFlags.Cgroup) : null;
            // v1: such an init joins its cgroups itself (no grace period to wait for), by the host's paths, so not from
            // a joined mount namespace, where they may name something else; v2: it is cloned into its cgroup.
            var selfJoin = runAhead is not null && (newNs & NamespaceFlags.Mount) != 0 ? cgroup.SelfJoinFiles : [];
            var script = new InitScript(spec, rootfs, o.NoPivot, layout, cgroup.Paths, fifo, hooksFifo, deathSignal, runAhead, selfJoin);
            if (script.HostMounts is not null)
            {
                CheckHostMountPoints(rootfs, script.HostMounts);
                hostMounts = script.HostMounts;
                partial = partial with { HostMounts = hostMounts };
                store.Save(partial); // before the init mounts anything
            }
            if (netns is not null)
            {
                SafeFdHandle net;
                try { net = netns.Take(); }
                catch (ErrnoException e) { throw new ContainerException($"cannot create the network namespace: {e.Message}", e); }
                joins.Add(new NamespaceJoin(Track(disposables, net), NamespaceFlags.Net));
            }
            var p = spec.Process;
            var options = new SpawnOptions
            {
                Path = p.Args![0], Arguments = p.Args, Environment = p.Env ?? [], Fds = fds, WaitForRelease = true,
                // The cgroup namespace is made after the move into the container's cgroups, so it is rooted there.
                NewNamespaces = newNs & ~NamespaceFlags.Cgroup & ~(runAhead ?? 0),
                UnshareAfterRelease = runAhead is null ? newNs & NamespaceFlags.Cgroup : 0, ReleaseAtFirstPause = runAhead is not null,
                JoinNamespaces = joins,
                Setup = script.Script, WorkingDirectory = p.Cwd,
                User = Init.ProcessSetup.UserOf(p, JoinsDenyingSetgroups(spec)), Capabilities = Init.ProcessSetup.CapabilitiesOf(p.Capabilities),
                NoNewPrivileges = p.NoNewPrivileges, Umask = p.User.Umask ?? 0x12,
                Seccomp = spec.Linux?.Seccomp is { } profile ? Seccomp.SeccompCompiler.Compile(profile) : null,
                ParentDeathSignal = deathSignal,
                ShareMemory = MayShareMemory(spec, cgroup),
            };
            // v2: the cgroup is made and limited first, and the init cloned into it. v1: made while the init starts (below).
            var resources = spec.Linux?.Resources;
            SafeFdHandle? into = null;
            var made = cgroup.CloneTarget is not null;
            if (made)
            {
                cgroup.Create();
                if (resources is not null) cgroup.Apply(resources);
                into = OpenCloneTarget(cgroup, disposables);
            }
            init = SpawnInto(options, pidNsPath, ref into);

            if ((newNs & NamespaceFlags.User) != 0)
                init.WriteIdMappings(Mappings(spec.Linux!.UidMappings), Mappings(spec.Linux!.GidMappings));
            partial = partial with { InitPid = init.Pid, InitStartTime = ProcessInfo.StartTime(init.Pid), Owner = Environment.UserName };
            // On record at once only if it could outlive this process (no parent-death signal: a joined pid
            // namespace); otherwise a `create` killed from here on takes its init along. Meanwhile `state` says
            // "creating" because the creator is alive.
            if (deathSignal == 0) store.Save(partial);
            TextFile.Create(Path.Combine(dir, StateStore.ConfigFile), specText); // as read: the bundle may change after create
            // The init is in its cgroups before it starts anything: it joins them itself right after the cgroups pause
            // (v1), or is moved in before its release (a new user namespace), and makes its cgroup namespace after.
            if (into is null)
            {
                // Limited before the init joins, so it never meets a partial rule set (v1 rewrites a device list as
                // deny-all, then each allow) while it makes its device nodes.
                if (!made)
                {
                    cgroup.Create();
                    if (resources is not null) cgroup.Apply(resources);
                }
                if (selfJoin.Count == 0)
                    try { cgroup.AddProcess(init.Pid); }
                    catch (Cgroups.CgroupException) when (runAhead is not null)
                    {
                        NextEvent(init); // an init that failed a step and exited: its error, not the move's, is the one to report
                        throw;
                    }
            }
            if (runAhead is not null && NextEvent(init) != InitPauses.Cgroups)
                throw new ContainerException("container init stopped at an unexpected point (before its cgroups were ready)");
            // A root complete at the cgroups pause lets the program be found while the init joins (the state says
            // "created" only once the init is ready: a `create` killed before then leaves nothing complete behind).
            string? program = null;
            string? pause;
            if (script.RootBuiltAtCgroupsPause)
            {
                init.Continue();
                program = FindProgram();
                pause = NextEvent(init);
            }
            else pause = Resume(init, default);
            if (pause == InitPauses.Hooks)
            {
                // "created": the lifecycle puts these hooks after step 2, which that status names (runtime-tools checks
                // it; runc says "creating").
                var created = new State { Id = id, Status = "created", Pid = init.Pid, Bundle = bundle, Annotations = spec.Annotations };
                Hooks.HookRunner.RunAll("prestart", spec.Hooks?.Prestart, created);
                Hooks.HookRunner.RunAll("createRuntime", spec.Hooks?.CreateRuntime, created);
                Hooks.HookRunner.RunAll("createContainer", spec.Hooks?.CreateContainer, created, InNamespacesOf(spec, init.Pid, disposables));
                pause = Resume(init, default);
            }
            if (pause != InitPauses.Ready) throw new ContainerException($"container init stopped at an unexpected point ({pause ?? "it executed"})");

            // The root is in place: the console goes to the caller (and the program is found, if it is not yet).
            if (script.ConsoleMaster is { } slot)
            {
                using var master = PidFd.GetFd(init.PidFd, slot.Number);
                UnixSockets.SendFds(console!, System.Text.Encoding.UTF8.GetBytes(Pty.SlaveNameOf(master)), [master]);
            }
            program ??= FindProgram();
            var state = partial with { Created = DateTimeOffset.UtcNow, Annotations = spec.Annotations, Complete = true, CreatorPid = 0, CreatorStartTime = 0 };
            store.Save(state);
            if (o.PidFile is { } pidFile) WritePidFile(pidFile, init.Pid);
            // Commit: the init takes its program, drops its parent-death signal, and only then may this process exit.
            // `run` stays until the program ends, so it meets the commit later (Started) instead of waiting for it here.
            var message = System.Text.Encoding.UTF8.GetBytes(program + "\0");
            if (startAtOnce) init.Continue(message);
            else if (Resume(init, message) != InitPauses.Committed)
                throw new ContainerException("container init exited before it was committed");
            init.CloseRelease();
            return (new Container(store, state) { _spec = spec }, init);

            // The program as the container sees it (the root is in place).
            string FindProgram()
            {
                var program = Init.ProcessSetup.ResolveProgram($"/proc/{init.Pid}/root", p);
                if (System.Text.Encoding.UTF8.GetByteCount(program) > SpawnScript.ProgramPathLimit) throw new ContainerException($"exec: \"{program}\": the path is too long");
                return program;
            }
        }
        catch (Cgroups.CgroupException e)
        {
            Cleanup();
            throw new ContainerException(e.Message, e);
        }
        catch
        {
            Cleanup();
            throw;
        }
        finally
        {
            foreach (var d in disposables) d.Dispose();
        }

        void Cleanup()
        {
            Abandon(init);
            try { cgroup?.Destroy(); } catch (Cgroups.CgroupException) { }
            if (cgroupParents is not null) Cgroups.CgroupManager.RemoveParents(cgroupParents);
            if (hostMounts is not null)
                try { UnmountHostMounts(hostMounts); }
                catch (ErrnoException) { } // best effort here: the error being reported is create's own
            store.Remove(id);
        }
    }

    /// <summary>
    /// Whether the init may run in the runtime's memory until it executes (<see cref="SpawnOptions.ShareMemory"/>): not
    /// with an oom_score_adj (its write would set the runtime's too), a memory limit of its own (linux.resources.memory
    /// or any unified key) or above its cgroup (an OOM kill of the init would kill the runtime with it), or cpuset memory
    /// nodes (joining would rebind the runtime's memory policy). The spawn declines on its own for an init that changes
    /// its ids or enters a user namespace, and on kernels where a core dump kills every process sharing the memory.
    /// </summary>
    internal static bool MayShareMemory(Spec spec, Cgroups.ICgroupManager? cgroup = null) =>
        spec.Process?.OomScoreAdj is null
        && spec.Linux?.Resources is not { Memory: not null } and not { Cpu.Mems: { Length: > 0 } } and not { Unified.Count: > 0 }
        && (cgroup is null || !Cgroups.CgroupManager.AncestorLimitsMemory(cgroup));

    /// <summary>The init's next pause (a child that runs ahead); a failed step becomes the error of `create`.</summary>
    private static string? NextEvent(ChildProcess init)
    {
        try { return init.NextEvent(); }
        catch (ErrnoException e) { throw new ContainerException($"container init failed: {e.Message}", e); }
    }

    /// <summary>Resumes the init; a failed step becomes the error of `create`, named as runc would.</summary>
    private static string? Resume(ChildProcess init, ReadOnlySpan<byte> message)
    {
        try { return init.Resume(message); }
        catch (ErrnoException e) { throw new ContainerException($"container init failed: {e.Message}", e); }
    }

    /// <summary>A joined user namespace (/proc/PID/ns/user) whose setgroups is "deny": the init then leaves its groups alone.</summary>
    private static bool JoinsDenyingSetgroups(Spec spec) =>
        SpecValidator.Find(spec.Linux?.Namespaces, "user")?.Path is { Length: > 0 } path
        && path.StartsWith("/proc/", StringComparison.Ordinal) && path.EndsWith("/ns/user", StringComparison.Ordinal)
        && int.TryParse(path[6..^8], out var pid) && Init.ProcessSetup.SetgroupsDenied(pid.ToString());

    private static T Track<T>(List<IDisposable> list, T item) where T : IDisposable
    {
        list.Add(item);
        return item;
    }

    /// <summary>Descriptors 3 … 3+count-1 passed through as they are (--preserve-fds).</summary>
    private static List<FdMapping> PreservedFds(int count, List<IDisposable> disposables)
    {
        var fds = new List<FdMapping>();
        for (var fd = 3; fd < 3 + count; fd++) fds.Add(new FdMapping(Track(disposables, new SafeFdHandle(fd, ownsHandle: false)), fd));
        return fds;
    }

    /// <summary>Kills and reaps a child whose setup failed.</summary>
    private static void Abandon(ChildProcess? child)
    {
        if (child is null) return;
        try { child.Kill(); } catch (ErrnoException) { }
        try { child.WaitForExit(); } catch (ErrnoException) { }
        child.Dispose();
    }

    /// <summary>
    /// Namespaces without a path are made new; the others are opened to be joined (pid through the parent thread,
    /// see <see cref="SpawnInPidNamespace"/>). <paramref name="cannotOpen"/> starts the error for a path that does not open.
    /// </summary>
    private static (NamespaceFlags New, List<NamespaceJoin> Joins, string? PidPath) PlanNamespaces(List<Namespace> namespaces, List<IDisposable> disposables, string cannotOpen)
    {
        NamespaceFlags flags = 0;
        var joins = new List<NamespaceJoin>();
        string? pidPath = null;
        // Join the user namespace first: the others may be owned by it.
        var ordered = new List<Namespace>(namespaces.Count);
        foreach (var ns in namespaces) if (ns.Type == "user") ordered.Add(ns);
        foreach (var ns in namespaces) if (ns.Type != "user") ordered.Add(ns);
        foreach (var ns in ordered)
        {
            var kind = SpecValidator.NamespaceTypes[ns.Type];
            if (string.IsNullOrEmpty(ns.Path)) flags |= kind;
            else if (kind == NamespaceFlags.Pid) pidPath = ns.Path;
            else
            {
                SafeFdHandle fd;
                try { fd = FileIo.Open(ns.Path, FileIo.O_RDONLY); }
                catch (ErrnoException e) { throw new ContainerException($"{cannotOpen} {ns.Type} namespace {ns.Path}: {e.Message}"); }
                joins.Add(new NamespaceJoin(Track(disposables, fd), kind));
            }
        }
        return (flags, joins, pidPath);
    }

    /// <summary>The manager's v2 directory opened for clone3's CLONE_INTO_CGROUP, or null where processes are moved (v1).</summary>
    internal static SafeFdHandle? OpenCloneTarget(Cgroups.ICgroupManager? cgroup, List<IDisposable> disposables) =>
        cgroup?.CloneTarget is { } target ? Track(disposables, FileIo.Open(target, FileIo.O_PATH | FileIo.O_DIRECTORY)) : null;

    /// <summary>
    /// Spawns into the cgroup <paramref name="into"/> when given; if clone3 refuses that (a kernel or cgroup
    /// configuration without CLONE_INTO_CGROUP support), spawns as usual and clears <paramref name="into"/>, so the
    /// caller moves the child with a cgroup.procs write instead.
    /// </summary>
    internal static ChildProcess SpawnInto(SpawnOptions options, string? pidNamespace, ref SafeFdHandle? into)
    {
        if (into is null) return SpawnInPidNamespace(options, pidNamespace);
        try { return SpawnInPidNamespace(options with { Cgroup = into }, pidNamespace); }
        catch (Exception e) when ((e as ErrnoException ?? e.InnerException as ErrnoException) is { Syscall: "clone3" })
        {
            into = null;
            return SpawnInPidNamespace(options, pidNamespace);
        }
    }

    /// <summary>
    /// Spawns, in the pid namespace at <paramref name="path"/> when there is one. That namespace is entered by the parent:
    /// setns(CLONE_NEWPID) on a throwaway thread affects only the children it then creates. A parent-death signal is tied
    /// to the spawning thread, which ends at once, so it is dropped there.
    /// </summary>
    internal static ChildProcess SpawnInPidNamespace(SpawnOptions options, string? path)
    {
        if (path is null) return ProcessSpawner.Spawn(options);
        options = options with { ParentDeathSignal = 0 };
        ChildProcess? child = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var fd = FileIo.Open(path, FileIo.O_RDONLY);
                Namespaces.Join(fd, NamespaceFlags.Pid);
                child = ProcessSpawner.Spawn(options);
            }
            catch (Exception e) { error = e; }
        });
        thread.Start();
        thread.Join();
        if (error is not null) throw new ContainerException($"joining pid namespace {path}: {error.Message}", error);
        return child!;
    }

    /// <summary>The init's namespaces, each kind the config gives the container, opened for a hook or an exec to join.</summary>
    internal static ContainerNamespaces InNamespacesOf(Spec spec, int pid, List<IDisposable> disposables)
    {
        var initNamespaces = new List<Namespace>();
        foreach (var n in spec.Linux?.Namespaces ?? [])
            initNamespaces.Add(n with { Path = $"/proc/{pid}/ns/{Namespaces.ProcName(SpecValidator.NamespaceTypes[n.Type])}" });
        var (_, joins, pidPath) = PlanNamespaces(initNamespaces, disposables, "cannot open the container's");
        return new ContainerNamespaces(joins, pidPath);
    }

    private static uint? HostIdOfRoot(List<Oci.Runtime.IdMapping>? mappings)
    {
        foreach (var m in mappings ?? [])
            if (m.ContainerID == 0 && m.Size > 0) return m.HostID;
        return null;
    }

    private static Linux.IdMapping[] Mappings(List<Oci.Runtime.IdMapping>? list)
    {
        var mappings = new Linux.IdMapping[list?.Count ?? 0];
        for (var i = 0; i < mappings.Length; i++) mappings[i] = new Linux.IdMapping(list![i].ContainerID, list[i].HostID, list[i].Size);
        return mappings;
    }

    private static SafeFdHandle ConnectConsole(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return FileIo.Duplicate(new SafeFdHandle((int)socket.Handle, ownsHandle: false));
        }
        catch (SocketException e)
        {
            throw new ContainerException($"--console-socket {path}: {e.Message}");
        }
        finally
        {
            socket.Dispose();
        }
    }

    private static void WritePidFile(string path, int pid)
    {
        TextFile.Replace(path, pid.ToString());
    }
}
