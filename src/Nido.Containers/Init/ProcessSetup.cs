using Nido.Linux;
using Nido.Oci.Runtime;

namespace Nido.Containers.Init;

/// <summary>What the container's init and `exec` share about the process they start: its program, capabilities and groups.</summary>
internal static class ProcessSetup
{
    /// <summary>
    /// Finds args[0] as the container sees it, through <paramref name="root"/> (/proc/PID/root): a name with a slash as
    /// given (relative to cwd), otherwise execvp's search of the process's PATH, symlinks resolved inside the container.
    /// </summary>
    public static string ResolveProgram(string root, Process p)
    {
        var name = p.Args![0];
        string InRoot(string path) => SecureJoin.Resolve(root, path.StartsWith('/') ? path : p.Cwd.TrimEnd('/') + "/" + path);
        if (name.Contains('/'))
            return File.Exists(InRoot(name)) ? name : throw new ContainerException($"exec: \"{name}\": stat {name}: no such file or directory");
        foreach (var dir in (PathVariable(p) ?? Exec.DefaultPath).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(InRoot(candidate))) return candidate;
        }
        throw new ContainerException($"exec: \"{name}\": executable file not found in $PATH");
    }

    /// <summary>PATH from the process's own environment (null when it sets none).</summary>
    public static string? PathVariable(Process p)
    {
        var env = p.Env ?? [];
        for (var i = env.Count - 1; i >= 0; i--)
            if (env[i].StartsWith("PATH=", StringComparison.Ordinal)) return env[i][5..];
        return null;
    }

    /// <summary>The credentials: supplementary groups are set (empty without additionalGids) unless setgroups is denied.</summary>
    public static SpawnUser UserOf(Process p, bool setgroupsDenied) =>
        new(p.User.Uid, p.User.Gid, setgroupsDenied ? p.User.AdditionalGids : p.User.AdditionalGids ?? []);

    /// <summary>process.capabilities as masks for the spawn trampoline.</summary>
    public static SpawnCapabilities CapabilitiesOf(LinuxCapabilities? caps) =>
        new(Mask(caps?.Bounding), new CapabilitySet(Mask(caps?.Effective), Mask(caps?.Permitted), Mask(caps?.Inheritable)), Mask(caps?.Ambient));

    private static ulong Mask(List<string>? names)
    {
        var mask = 0UL;
        foreach (var name in names ?? []) mask |= Capabilities.Bit(Capabilities.Parse(name));
        return mask;
    }

    /// <summary>Whether the process ("self" or a pid) is in a user namespace whose setgroups is denied (setgroups would fail).</summary>
    public static bool SetgroupsDenied(string process)
    {
        var file = $"/proc/{process}/setgroups";
        return TextFile.TryRead(file)?.Trim() == "deny"; // unreadable (no such process, an old kernel): not denied
    }
}
