using Nido.Images.Store;
using Nido.Oci.Runtime;

namespace Nido.Engine;

/// <summary>
/// Turns an image's configuration and the run flags into config.json, the way Docker does: Entrypoint + Cmd,
/// image Env then -e, WorkingDir, User resolved in the container's passwd, Docker's default capabilities, the
/// generated /etc/hosts, /etc/hostname and /etc/resolv.conf, -v binds and the resource flags.
/// </summary>
internal static class SpecBuilder
{
    /// <summary>Docker's default capability set.</summary>
    public static readonly string[] DefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The argv Docker would run: --entrypoint or the image's Entrypoint, then the command or the image's Cmd.</summary>
    public static List<string> Arguments(ContainerConfig c, Image image)
    {
        var run = image.Config.Config;
        var entrypoint = c.Entrypoint is { } e ? (e.Length == 0 ? [] : [e]) : run?.Entrypoint ?? [];
        var command = c.Command is { Count: > 0 } given ? given : c.Entrypoint is not null ? [] : run?.Cmd ?? [];
        var args = entrypoint.Concat(command).ToList();
        if (args.Count == 0) throw new EngineException("no command specified: the image has no Entrypoint or Cmd, give one after the image name");
        return args;
    }

    /// <summary>Docker's -e: NAME=value as given; a bare NAME passes this shell's value, or nothing when it has none.</summary>
    public static string? FromFlag(string flag) =>
        flag.Contains('=') ? flag : Environment.GetEnvironmentVariable(flag) is { } value ? $"{flag}={value}" : null;

    public static string Hostname(ContainerConfig c, string id) =>
        c.Hostname ?? (c.Network == "host" ? System.Net.Dns.GetHostName() : id[..12]);

    public static Spec Build(ContainerConfig c, Image image, string id, string rootfs, string containerDir)
    {
        var run = image.Config.Config;
        var hostname = Hostname(c, id);
        var (uid, gid, groups) = UserResolver.Resolve(c.User ?? run?.User, rootfs);

        var env = new List<string>();
        void Set(string entry) => ProcessEnv.Set(env, entry);
        foreach (var e in run?.Env ?? []) Set(e);
        if (!env.Any(e => e.StartsWith("PATH="))) Set(DefaultPath);
        Set($"HOSTNAME={hostname}");
        if (c.Tty) Set("TERM=xterm");
        if (!env.Any(e => e.StartsWith("HOME="))) Set($"HOME={UserResolver.Home(uid, rootfs)}");
        foreach (var e in c.Env) if (FromFlag(e) is { } entry) Set(entry);

        var caps = DefaultCapabilities.ToList();
        var spec = DefaultSpec.Create();
        var files = WriteEtcFiles(c, hostname, containerDir);
        var mounts = spec.Mounts!.ToList();
        foreach (var (name, path) in files)
            mounts.Add(new Mount { Destination = $"/etc/{name}", Type = "bind", Source = path, Options = ["rbind", "rprivate"] });
        foreach (var v in c.Volumes)
            mounts.Add(new Mount { Destination = v.Destination, Type = "bind", Source = v.Source, Options = v.ReadOnly ? ["rbind", "rprivate", "ro"] : ["rbind", "rprivate"] });

        var namespaces = spec.Linux!.Namespaces!.Where(n => !(c.Network == "host" && n.Type == "network")).ToList();
        var resources = spec.Linux.Resources! with
        {
            Memory = c.MemoryBytes is { } m ? new MemoryResources { Limit = m } : null,
            Cpu = c.Cpus is { } cpus ? new CpuResources { Period = 100_000, Quota = (long)Math.Round(cpus * 100_000) } : null,
            Pids = c.PidsLimit is { } p ? new PidsResources { Limit = p } : null,
        };
        return spec with
        {
            Process = spec.Process! with
            {
                Terminal = c.Tty,
                Args = Arguments(c, image),
                Env = env,
                Cwd = c.WorkingDir ?? (run?.WorkingDir is { Length: > 0 } w ? w : "/"),
                User = new User { Uid = uid, Gid = gid, AdditionalGids = groups.Length > 0 ? [.. groups] : null },
                Capabilities = new LinuxCapabilities { Bounding = caps, Effective = caps, Permitted = caps },
                NoNewPrivileges = false,
                Rlimits = null,
            },
            Root = new Root { Path = rootfs, Readonly = c.ReadOnlyRootfs },
            Hostname = hostname,
            Mounts = mounts,
            Linux = spec.Linux with { Namespaces = namespaces, Resources = resources },
            Annotations = new() { ["org.opencontainers.image.ref.name"] = image.Name ?? image.Id, ["io.nido.image.id"] = image.Id },
        };
    }

    private static List<(string Name, string Path)> WriteEtcFiles(ContainerConfig c, string hostname, string dir)
    {
        var hosts = c.Network == "host" && File.Exists("/etc/hosts")
            ? File.ReadAllText("/etc/hosts")
            : $"127.0.0.1\tlocalhost {hostname}\n::1\tlocalhost ip6-localhost ip6-loopback\n";
        var resolv = File.Exists("/etc/resolv.conf") ? File.ReadAllText("/etc/resolv.conf") : "";
        var result = new List<(string, string)>();
        foreach (var (name, text) in new[] { ("hosts", hosts), ("hostname", hostname + "\n"), ("resolv.conf", resolv) })
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, text);
            result.Add((name, path));
        }
        return result;
    }
}
