using System.CommandLine;
using Nido.Cli.Commands.Images;
using Nido.Engine;
using Nido.Runc;

namespace Nido.Cli.Commands.Containers;

/// <summary>`nido run [flags] IMAGE [CMD…]`: Docker's run on Nido's own runtime and image store.</summary>
public static class RunCommand
{
    private static readonly Option<bool> Rm = new("--rm") { Description = "Remove the container when it exits" };
    private static readonly Option<bool> Detach = new("--detach", "-d") { Description = "Run in the background and print the container id" };
    private static readonly Option<bool> Interactive = new("--interactive", "-i") { Description = "Keep stdin open and connect it to the container" };
    private static readonly Option<bool> Tty = new("--tty", "-t") { Description = "Allocate a pseudo-TTY" };
    private static readonly Option<string?> Name = new("--name") { Description = "Name of the container" };
    private static readonly Option<string[]> Env = new("--env", "-e") { Description = "Set an environment variable (NAME=value, or NAME to pass this shell's)" };
    private static readonly Option<string[]> Volume = new("--volume", "-v") { Description = "Bind mount SRC:DST[:ro]" };
    private static readonly Option<string?> Workdir = new("--workdir", "-w") { Description = "Working directory inside the container" };
    private static readonly Option<string?> User = new("--user", "-u") { Description = "User (name|uid[:group|gid])" };
    private static readonly Option<string?> Memory = new("--memory", "-m") { Description = "Memory limit (e.g. 512m, 1g)" };
    private static readonly Option<string?> Cpus = new("--cpus") { Description = "Number of CPUs (e.g. 1.5)" };
    private static readonly Option<long?> PidsLimit = new("--pids-limit") { Description = "Maximum number of processes" };
    private static readonly Option<string> Network = new("--network", "--net") { Description = "none (private, loopback only) or host", DefaultValueFactory = _ => "none" };
    private static readonly Option<string?> Hostname = new("--hostname") { Description = "Container host name" };
    private static readonly Option<string?> Entrypoint = new("--entrypoint") { Description = "Override the image's entrypoint" };
    private static readonly Option<bool> ReadOnly = new("--read-only") { Description = "Mount the container's root filesystem read-only" };

    public static readonly TrailingCommand Trailing = new(["run"], new HashSet<string>
    {
        "--name", "--env", "-e", "--volume", "-v", "--workdir", "-w", "--user", "-u", "--memory", "-m", "--cpus", "--pids-limit",
        "--network", "--net", "--hostname", "--entrypoint",
    }, PositionalsBefore: 1);

    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "Image to run" };
        var args = new Argument<string[]>("command") { Description = "Command and arguments (default: the image's)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run a command in a new container from an image") { image, args, EngineCommand.TlsVerify };
        foreach (var o in new Option[] { Rm, Detach, Interactive, Tty, Name, Env, Volume, Workdir, User, Memory, Cpus, PidsLimit, Network, Hostname, Entrypoint, ReadOnly })
            command.Options.Add(o);
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var config = new ContainerConfig
            {
                Image = parse.GetValue(image)!,
                Command = parse.GetValue(args) is { Length: > 0 } a ? [.. a] : null,
                Entrypoint = parse.GetValue(Entrypoint),
                Env = [.. parse.GetValue(Env) ?? []],
                Volumes = (parse.GetValue(Volume) ?? []).Select(RunFlags.Volume).ToList(),
                WorkingDir = parse.GetValue(Workdir) is { } w ? (w.StartsWith('/') ? w : throw new EngineException($"--workdir {w}: must be an absolute path")) : null,
                User = parse.GetValue(User),
                Tty = parse.GetValue(Tty),
                Interactive = parse.GetValue(Interactive),
                AutoRemove = parse.GetValue(Rm),
                MemoryBytes = parse.GetValue(Memory) is { } m ? RunFlags.Memory(m) : null,
                Cpus = parse.GetValue(Cpus) is { } c ? RunFlags.Cpus(c) : null,
                PidsLimit = parse.GetValue(PidsLimit) is { } p ? (p > 0 || p == -1 ? p : throw new EngineException($"--pids-limit {p}: must be positive (or -1 for unlimited)")) : null,
                Network = RunFlags.Network(parse.GetValue(Network)!),
                Hostname = parse.GetValue(Hostname),
                ReadOnlyRootfs = parse.GetValue(ReadOnly),
            };
            var img = engine.Images.Find(config.Image) ?? PullCommand.WithProgress(progress => engine.FetchImage(config.Image, EngineCommand.Registry(parse), progress));
            var record = engine.Create(config, img, parse.GetValue(Name));
            if (parse.GetValue(Detach))
            {
                engine.StartDetached(record, Environment.ProcessPath!);
                parse.InvocationConfiguration.Output.WriteLine(record.Id);
                return 0;
            }
            string? error = null;
            var code = engine.Monitor(record.Id, new Attachment(config.Interactive), e => error = e);
            if (error is not null) parse.InvocationConfiguration.Error.WriteLine($"nido: {error}");
            return code;
        }));
        return command;
    }
}
