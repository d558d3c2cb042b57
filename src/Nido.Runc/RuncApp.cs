using System.CommandLine;

namespace Nido.Runc;

/// <summary>
/// `nido-runc`: the OCI runtime alone, a runc binary for podman, containerd and CRI-O. It is `nido oci` built without
/// the VMM, the emulator, the JVM and the image front end, because callers start it several times per container and
/// the full binary's startup (runtime data, page faults) is most of a `run`.
/// </summary>
public static class RuncApp
{
    /// <summary>Runs `nido oci ARGS` (the verbs' trailing commands separated as runc's CLI does).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        args = Separate(["oci", .. args]);
        // `nido-runc --version` (`-v`) is runc's: the same text as `nido --version`.
        if (args is ["oci", "--version" or "-v"]) args = ["--version"];
        return CliRunner.Invoke(BuildRoot(args[0] == "oci" ? args[1..] : null), args, stdout, stderr, "nido", "nido-runc --help", static _ => false);
    }

    public static string[] Separate(string[] args)
    {
        foreach (var trailing in new[] { Verbs.TrailingCommands.Exec, Verbs.TrailingCommands.Ps })
            args = trailing.Separate(args);
        return args;
    }

    /// <summary>The command tree for the words after "oci" (null: --version, which needs none of it).</summary>
    private static Command BuildRoot(string[]? words)
    {
        var root = CliRoot.Create("nido-runc", "nido-runc: Nido's OCI runtime, with runc's command line.");
        if (words is not null) root.Subcommands.Add(Verbs.OciCommand.Create(words));
        return root;
    }
}
