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
        var program = Exec.Which(p.Args![0], PathVariable(p));
        if (program is null || !File.Exists(program))
            throw new ContainerException($"exec: \"{p.Args[0]}\": executable file not found in $PATH");
        return program;
    }

    /// <summary>PATH from the process's own environment (null when it sets none).</summary>
    public static string? PathVariable(Process p) => (p.Env ?? []).LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..];

    public static void ApplyAndExec(Process p, string program, Oci.Runtime.Seccomp? seccomp)
    {
        var filter = seccomp is null ? null : Seccomp.SeccompCompiler.Compile(seccomp);
        foreach (var r in p.Rlimits ?? []) ResourceLimits.Set(r.Type, r.Soft, r.Hard);
        if (p.OomScoreAdj is { } adj) File.WriteAllText("/proc/self/oom_score_adj", adj.ToString());

        var env = p.Env ?? [];
        Mounts.ChangeDirectory(p.Cwd);

        var caps = CapabilitiesOf(p.Capabilities);
        for (var cap = 0; cap <= (int)Capabilities.Last; cap++)
            if ((caps.Bounding & (1UL << cap)) == 0 && Prctl.BoundingSetHas((Capability)cap))
                Prctl.BoundingSetDrop((Capability)cap);

        // Without no_new_privs the filter needs CAP_SYS_ADMIN, so it goes on before the uid change drops it (as runc does);
        // the profile must then allow the calls that follow (setgroups, setresuid, capset, prctl, execve).
        if (filter is not null && !p.NoNewPrivileges) SeccompFilter.Install(filter.Program, filter.Flags);

        // Keep the permitted set across the uid change, then set exactly what the config asks for.
        Prctl.SetKeepCapabilities(true);
        var user = p.User;
        if (user.AdditionalGids is { } groups) Credentials.SetGroups(groups.ToArray());
        else if (!SetgroupsDenied("self")) Credentials.SetGroups([]);
        Credentials.SetResGid(user.Gid, user.Gid, user.Gid);
        Credentials.SetResUid(user.Uid, user.Uid, user.Uid);
        Prctl.SetKeepCapabilities(false);
        Capabilities.Set(caps.Sets);
        Prctl.AmbientClearAll();
        for (var cap = 0; cap <= (int)Capabilities.Last; cap++)
            if ((caps.Ambient & (1UL << cap)) != 0) Prctl.AmbientRaise((Capability)cap);

        if (p.NoNewPrivileges) Prctl.SetNoNewPrivileges();
        Nodes.SetUmask(user.Umask ?? 0x12); // 0022
        if (filter is not null && p.NoNewPrivileges) SeccompFilter.Install(filter.Program, filter.Flags); // as late as possible: only execve follows

        Exec.Execve(program, p.Args!, env);
    }

    /// <summary>process.capabilities as masks: what the init applies itself and `exec` hands to the spawn trampoline.</summary>
    public static SpawnCapabilities CapabilitiesOf(LinuxCapabilities? caps) =>
        new(Mask(caps?.Bounding), new CapabilitySet(Mask(caps?.Effective), Mask(caps?.Permitted), Mask(caps?.Inheritable)), Mask(caps?.Ambient));

    private static ulong Mask(List<string>? names) => Capabilities.Mask((names ?? []).Select(Capabilities.Parse));

    /// <summary>Whether the process ("self" or a pid) is in a user namespace whose setgroups is denied (setgroups would fail).</summary>
    public static bool SetgroupsDenied(string process)
    {
        var file = $"/proc/{process}/setgroups";
        try { return File.Exists(file) && File.ReadAllText(file).Trim() == "deny"; }
        catch (IOException) { return false; }
    }
}
