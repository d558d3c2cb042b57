using System.CommandLine;
using Nido.Engine;
using Nido.Runc;

namespace Nido.Cli.Commands.Containers;

/// <summary>`nido exec [-i] [-t] [-d] [-e] [-w] [-u] CONTAINER CMD…`: another process in a running container.</summary>
public static class ExecCommand
{
    private static readonly Option<bool> Interactive = new("--interactive", "-i") { Description = "Keep stdin open" };
    private static readonly Option<bool> Tty = new("--tty", "-t") { Description = "Allocate a pseudo-TTY" };
    private static readonly Option<bool> Detach = new("--detach", "-d") { Description = "Run in the background" };
    private static readonly Option<string[]> Env = new("--env", "-e") { Description = "Set an environment variable" };
    private static readonly Option<string?> Workdir = new("--workdir", "-w") { Description = "Working directory" };
    private static readonly Option<string?> User = new("--user", "-u") { Description = "User (name|uid[:group|gid])" };

    public static readonly TrailingCommand Trailing = new(["exec"], new HashSet<string> { "--env", "-e", "--workdir", "-w", "--user", "-u" }, PositionalsBefore: 1);

    public static Command Create()
    {
        var container = new Argument<string>("container");
        var args = new Argument<string[]>("command") { Arity = ArgumentArity.OneOrMore, Description = "Command and arguments" };
        var command = new Command("exec", "Run a command in a running container") { container, args, Interactive, Tty, Detach, Env, Workdir, User };
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var record = engine.Containers.Find(parse.GetValue(container)!);
            var request = new ExecRequest([.. parse.GetValue(args)!])
            {
                Env = [.. parse.GetValue(Env) ?? []], WorkingDir = parse.GetValue(Workdir), User = parse.GetValue(User),
                Tty = parse.GetValue(Tty), Interactive = parse.GetValue(Interactive), Detach = parse.GetValue(Detach),
            };
            return engine.Exec(record, request, new Attachment(request.Interactive));
        }));
        return command;
    }
}
