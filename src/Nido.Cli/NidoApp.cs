using System.CommandLine;
using Nido.Cli.Commands;
using Nido.Linux;

namespace Nido.Cli;

/// <summary>Builds the command tree and runs it with Nido's error contract: one line on stderr, non-zero exit.</summary>
public static class NidoApp
{
    public const int ExitFailure = 1, ExitUsage = 2;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Nido: containers, KVM micro-VMs, a RISC-V emulator and a JVM in one toolkit.");
        foreach (var option in root.Options)
            if (option is VersionOption version) version.Action = new VersionCommand.Action();
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(Commands.Oci.OciCommand.Create());
        root.Subcommands.Add(Commands.Vm.VmCommand.Create());
        root.Subcommands.Add(Commands.Java.JavaCommand.Create());
        foreach (var command in new[]
        {
            Commands.Containers.RunCommand.Create(), Commands.Containers.PsCommand.Create(), Commands.Containers.StopCommand.Create(),
            Commands.Containers.RmCommand.Create(), Commands.Containers.LogsCommand.Create(), Commands.Containers.ExecCommand.Create(),
            Commands.Images.PullCommand.Create(), Commands.Images.ImagesCommand.Create(), Commands.Images.RmiCommand.Create(),
            Commands.Images.LoadCommand.Create(), Commands.Images.SaveCommand.Create(), Commands.Containers.MonitorCommand.Create(),
        })
            root.Subcommands.Add(command);
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        foreach (var trailing in new[] { Commands.Oci.ExecVerb.Trailing, Commands.Oci.PsVerb.Trailing, Commands.Containers.RunCommand.Trailing, Commands.Containers.ExecCommand.Trailing })
            args = trailing.Separate(args);
        // java's options are not System.CommandLine's: `nido java …` takes its arguments as they are.
        if (args is ["java", .. var javaArgs]) return Commands.Java.JavaCommand.Run(javaArgs, stdout, stderr);
        // `nido-runc --version` (`-v`) is runc's: the same text as `nido --version`.
        if (args is ["oci", "--version" or "-v"]) args = ["--version"];
        var parse = BuildRoot().Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            // "Required command was not provided" is the least specific error: name the unknown word if there is one.
            var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Count > 0 && e.Message.Contains(parse.UnmatchedTokens[0])) ?? parse.Errors[0];
            stderr.WriteLine($"nido: {error.Message} (see 'nido --help')");
            return ExitUsage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is NidoException or ErrnoException or IOException or UnauthorizedAccessException or ArgumentException
                                    or Nido.Containers.ContainerException or Nido.Oci.OciException or Nido.Vmm.VmmException)
        {
            stderr.WriteLine($"nido: {e.Message}");
            if (Environment.GetEnvironmentVariable("NIDO_DEBUG") == "1") stderr.WriteLine(e);
            return ExitFailure;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"nido: internal error: {e.GetType().Name}: {e.Message} (set NIDO_DEBUG=1 for the stack)");
            if (Environment.GetEnvironmentVariable("NIDO_DEBUG") == "1") stderr.WriteLine(e);
            return ExitFailure;
        }
    }
}

/// <summary>A failure the user can act on; its message is printed as is.</summary>
public class NidoException(string message) : Exception(message);
