using System.CommandLine;
using System.CommandLine.Help;

namespace Nido.Runc;

/// <summary>
/// The root command of `nido` and `nido-runc`, with --help and --version options of its own. RootCommand's built-in
/// ones read their descriptions from System.CommandLine's resources as they are constructed, and the resource
/// manager's first use reflects over assembly attributes: ~0.5 ms of every runtime call, for text only --help shows.
/// </summary>
public static class CliRoot
{
    public static Command Create(string name, string description)
    {
        var root = new Command(name, description);
        root.Options.Add(new Option<bool>("--help", "-h", "-?")
        {
            Description = "Show help and usage information", Arity = ArgumentArity.Zero, Recursive = true, Action = new HelpAction(),
        });
        root.Options.Add(new Option<bool>("--version")
        {
            Description = "Show version information", Arity = ArgumentArity.Zero, Action = new VersionCommand.Action(),
        });
        return root;
    }
}
