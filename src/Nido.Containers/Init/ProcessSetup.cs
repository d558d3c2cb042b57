using Nido.Linux;
using Nido.Linux.Seccomp;
using Nido.Oci.Runtime;

namespace Nido.Containers.Init;

/// <summary>
/// The last steps before the container's program runs, all on the thread that calls execve (credentials,
/// capabilities and no_new_privs are per thread; execve makes that thread the whole process).
/// </summary>
internal static class ProcessSetup
{
    /// <summary>Finds process.args[0] on the container's PATH (from process.env), as execvp would.</summary>
    public static string ResolveProgram(Process p)
    {
        var path = (p.Env ?? []).LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..];
        var program = Exec.Which(p.Args![0], path);
        if (program is null || !File.Exists(program))
            throw new ContainerException($"exec: \"{p.Args[0]}\": executable file not found in $PATH");
        return program;
    }

    public static void ApplyAndExec(Process p, string program, Oci.Runtime.Seccomp? seccomp)
    {
        var filter = seccomp is null ? null : Seccomp.SeccompCompiler.Compile(seccomp);
        foreach (var r in p.Rlimits ?? []) ResourceLimits.Set(r.Type, r.Soft, r.Hard);
        if (p.OomScoreAdj is { } adj) File.WriteAllText("/proc/self/oom_score_adj", adj.ToString());

        var env = p.Env ?? [];
        Mounts.ChangeDirectory(p.Cwd);

        var caps = p.Capabilities;
        var bounding = Mask(caps?.Bounding);
        for (var cap = 0; cap <= (int)Capabilities.Last; cap++)
            if ((bounding & (1UL << cap)) == 0 && Prctl.BoundingSetHas((Capability)cap))
                Prctl.BoundingSetDrop((Capability)cap);

        // Without no_new_privs the filter needs CAP_SYS_ADMIN, so it goes on before the uid change drops it (as runc does);
        // the profile must then allow the calls that follow (setgroups, setresuid, capset, prctl, execve).
        if (filter is not null && !p.NoNewPrivileges) SeccompFilter.Install(filter.Program, filter.Flags);

        // Keep the permitted set across the uid change, then set exactly what the config asks for.
        Prctl.SetKeepCapabilities(true);
        var user = p.User;
        if (user.AdditionalGids is { } groups) Credentials.SetGroups(groups.ToArray());
        else if (!InUserNamespaceWithSetgroupsDenied()) Credentials.SetGroups([]);
        Credentials.SetResGid(user.Gid, user.Gid, user.Gid);
        Credentials.SetResUid(user.Uid, user.Uid, user.Uid);
        Prctl.SetKeepCapabilities(false);
        Capabilities.Set(new CapabilitySet(Mask(caps?.Effective), Mask(caps?.Permitted), Mask(caps?.Inheritable)));
        Prctl.AmbientClearAll();
        foreach (var name in caps?.Ambient ?? []) Prctl.AmbientRaise(Capabilities.Parse(name));

        if (p.NoNewPrivileges) Prctl.SetNoNewPrivileges();
        Nodes.SetUmask(user.Umask ?? 0x12); // 0022
        if (filter is not null && p.NoNewPrivileges) SeccompFilter.Install(filter.Program, filter.Flags); // as late as possible: only execve follows

        Exec.Execve(program, p.Args!, env);
    }

    private static ulong Mask(List<string>? names) => Capabilities.Mask((names ?? []).Select(Capabilities.Parse));

    private static bool InUserNamespaceWithSetgroupsDenied() =>
        File.Exists("/proc/self/setgroups") && File.ReadAllText("/proc/self/setgroups").Trim() == "deny";
}
