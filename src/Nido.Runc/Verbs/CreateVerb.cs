using System.CommandLine;
using Nido.Containers;

namespace Nido.Runc.Verbs;

/// <summary>`create`: sets the container up and leaves its init waiting for `start`.</summary>
public static class CreateVerb
{
    public static readonly Option<string> Bundle = new("--bundle", "-b") { Description = "Path to the bundle (directory with config.json)", DefaultValueFactory = _ => "." };
    public static readonly Option<string?> PidFile = new("--pid-file") { Description = "Write the init's pid to this file" };
    public static readonly Option<string?> ConsoleSocket = new("--console-socket") { Description = "Unix socket that receives the pty master" };
    public static readonly Option<bool> NoPivot = new("--no-pivot") { Description = "Use chroot instead of pivot_root (for ramdisk roots)" };
    public static readonly Option<bool> NoNewKeyring = new("--no-new-keyring") { Description = "Do not create a session keyring (Nido never does)" };
    public static readonly Option<int> PreserveFds = new("--preserve-fds") { Description = "Pass this many extra descriptors (from 3) to the container" };

    public static void AddOptions(Command c)
    {
        foreach (var o in new Option[] { Bundle, PidFile, ConsoleSocket, NoPivot, NoNewKeyring, PreserveFds }) c.Options.Add(o);
    }

    public static CreateOptions Options(ParseResult parse, string id) => new(id, parse.GetValue(Bundle)!)
    {
        PidFile = parse.GetValue(PidFile),
        ConsoleSocket = parse.GetValue(ConsoleSocket),
        NoPivot = parse.GetValue(NoPivot),
        PreserveFds = parse.GetValue(PreserveFds) is var n and >= 0 ? n : throw new ContainerException("--preserve-fds must not be negative"),
    };

    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var command = new Command("create", "Create a container (its process waits for `start`)");
        command.Arguments.Add(id);
        AddOptions(command);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            Container.RemoveStale(store);
            var (_, init) = Container.Create(store, Options(parse, parse.GetValue(id)!));
            init.Dispose(); // the init outlives us; our caller (conmon, the shim) reaps it
            return 0;
        }));
        return command;
    }
}
