using System.CommandLine;
using Nido.Containers;
using Nido.Oci;
using Nido.Oci.Runtime;

namespace Nido.Runc.Verbs;

/// <summary>`exec`: runs another process in a running container, as runc does.</summary>
public static class ExecVerb
{
    private static readonly Option<string?> ConsoleSocket = new("--console-socket") { Description = "Unix socket that receives the pty master" };
    private static readonly Option<string?> Cwd = new("--cwd") { Description = "Working directory in the container" };
    private static readonly Option<string[]> Env = new("--env", "-e") { Description = "Set an environment variable (NAME=value)", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<bool> Tty = new("--tty", "-t") { Description = "Allocate a pseudo-TTY" };
    private static readonly Option<string?> User = new("--user", "-u") { Description = "UID[:GID] to run as" };
    private static readonly Option<string[]> AdditionalGids = new("--additional-gids", "-g") { Description = "Additional group ids" };
    private static readonly Option<string?> ProcessFile = new("--process", "-p") { Description = "Path to a process.json (OCI process) instead of the command line" };
    private static readonly Option<bool> Detach = new("--detach", "-d") { Description = "Return once the process has started" };
    private static readonly Option<string?> PidFile = new("--pid-file") { Description = "Write the process's pid to this file" };
    private static readonly Option<string?> ProcessLabel = new("--process-label") { Description = "SELinux label (not supported: must be empty)" };
    private static readonly Option<string?> AppArmor = new("--apparmor") { Description = "AppArmor profile (not supported: must be empty)" };
    private static readonly Option<bool> NoNewPrivs = new("--no-new-privs") { Description = "Set no_new_privs for the process" };
    private static readonly Option<string[]> Cap = new("--cap", "-c") { Description = "Add a capability to the bounding, effective and permitted sets" };
    private static readonly Option<int> PreserveFds = new("--preserve-fds") { Description = "Pass this many extra descriptors (from 3)" };
    private static readonly Option<bool> IgnorePaused = new("--ignore-paused") { Description = "Allow exec in a paused container" };
    private static readonly Option<string?> Cgroup = new("--cgroup") { Description = "Sub-cgroup to run in (not supported: must be empty)" };

    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var args = new Argument<string[]>("command") { Description = "The program and its arguments", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("exec", "Run a process in a running container");
        command.Arguments.Add(id);
        command.Arguments.Add(args);
        foreach (var o in new Option[] { ConsoleSocket, Cwd, Env, Tty, User, AdditionalGids, ProcessFile, Detach, PidFile, ProcessLabel, AppArmor, NoNewPrivs, Cap, PreserveFds, IgnorePaused, Cgroup })
            command.Options.Add(o);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            foreach (var (option, name) in new[] { (ProcessLabel, "--process-label"), (AppArmor, "--apparmor"), (Cgroup, "--cgroup") })
                if (!string.IsNullOrEmpty(parse.GetValue(option))) throw new ContainerException($"{name} is not supported by nido (no SELinux/AppArmor; exec joins the container's cgroup)");
            var container = Container.Load(store, parse.GetValue(id)!);
            var process = parse.GetValue(ProcessFile) is { } file ? ReadProcess(file) : FromFlags(parse, container.Spec.Process!, parse.GetValue(args) ?? []);
            using var console = Foreground.ProxyFor(process.Terminal, parse.GetValue(ConsoleSocket), parse.GetValue(Detach));
            var options = new ExecOptions(process)
            {
                ConsoleSocket = console?.Path ?? parse.GetValue(ConsoleSocket), PidFile = parse.GetValue(PidFile), IgnorePaused = parse.GetValue(IgnorePaused),
                PreserveFds = parse.GetValue(PreserveFds) is var n and >= 0 ? n : throw new ContainerException("--preserve-fds must not be negative"),
            };
            using var child = container.Exec(options);
            return parse.GetValue(Detach) ? 0 : console is null ? Foreground.Wait(child) : Foreground.WaitWithTerminal(child, console);
        }));
        return command;
    }

    private static Process ReadProcess(string path) => OciJson.ReadProcess(path);

    /// <summary>The container's config.json process with the command line's changes, as runc builds it.</summary>
    private static Process FromFlags(ParseResult parse, Process config, string[] args)
    {
        if (args.Length == 0) throw new ContainerException("exec: no command given (pass the program and its arguments, or --process)");
        var env = new List<string>(config.Env ?? []);
        foreach (var e in parse.GetValue(Env) ?? [])
            ProcessEnv.Set(env, e.Contains('=') ? e : $"{e}={Environment.GetEnvironmentVariable(e)}"); // runc: a bare NAME takes this shell's value
        var user = config.User;
        if (parse.GetValue(User) is { } u)
        {
            var parts = u.Split(':');
            if (parts.Length > 2 || !uint.TryParse(parts[0], out var uid) || (parts.Length == 2 && !uint.TryParse(parts[1], out _)))
                throw new ContainerException($"--user \"{u}\": expected UID[:GID] (numbers)");
            user = user with { Uid = uid, Gid = parts.Length == 2 ? uint.Parse(parts[1]) : user.Gid };
        }
        if (parse.GetValue(AdditionalGids) is { Length: > 0 } gids)
        {
            var numbers = new List<uint>(gids.Length);
            foreach (var g in gids) numbers.Add(uint.TryParse(g, out var v) ? v : throw new ContainerException($"--additional-gids \"{g}\" is not a number"));
            user = user with { AdditionalGids = numbers };
        }
        var caps = config.Capabilities;
        if (parse.GetValue(Cap) is { Length: > 0 } added)
        {
            static List<string> With(List<string>? set, string[] more)
            {
                var all = new List<string>();
                foreach (var name in set ?? []) if (!all.Contains(name)) all.Add(name);
                foreach (var name in more) if (!all.Contains(name)) all.Add(name);
                return all;
            }
            caps = (caps ?? new LinuxCapabilities()) with
            {
                Bounding = With(caps?.Bounding, added), Effective = With(caps?.Effective, added), Permitted = With(caps?.Permitted, added),
            };
        }
        return config with
        {
            Args = [.. args], Env = env, Terminal = parse.GetValue(Tty), Cwd = parse.GetValue(Cwd) ?? config.Cwd, User = user,
            Capabilities = caps, NoNewPrivileges = config.NoNewPrivileges || parse.GetValue(NoNewPrivs), ConsoleSize = null,
        };
    }
}
