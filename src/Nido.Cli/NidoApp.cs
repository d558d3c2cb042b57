using System.CommandLine;
using Nido.Cli.Commands;
using Nido.Runc;

namespace Nido.Cli;

/// <summary>Builds the command tree and runs it with Nido's error contract: one line on stderr, non-zero exit.</summary>
public static class NidoApp
{
    public const int ExitFailure = CliRunner.ExitFailure, ExitUsage = CliRunner.ExitUsage;

    public static Command BuildRoot()
    {
        var root = CliRoot.Create("nido", "Nido: containers, KVM micro-VMs, a RISC-V emulator and a JVM in one toolkit.");
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(Nido.Runc.Verbs.OciCommand.Create());
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
        args = RuncApp.Separate(args);
        foreach (var trailing in new[] { Commands.Containers.RunCommand.Trailing, Commands.Containers.ExecCommand.Trailing })
            args = trailing.Separate(args);
        // The VMM process is its own small binary, with Firecracker's flags.
        if (args is ["vm", "serve", .. var serveArgs]) return Commands.Vm.VmServeCommand.Exec(serveArgs, stderr);
        // java's options are not System.CommandLine's: `nido java …` takes its arguments as they are.
        if (args is ["java", .. var javaArgs]) return Commands.Java.JavaCommand.Run(javaArgs, stdout, stderr);
        // The two halves of a speculative `nido java` start (JavaSpeculation): never typed by users.
        if (args is [Commands.Java.JavaStandby.Verb, var fd, .. var standbyArgs]) return Commands.Java.JavaCommand.RunStandby(fd, standbyArgs, stdout, stderr);
        if (args is [Commands.Java.JavaProxy.Verb, var pid, var controlFd]) return Commands.Java.JavaProxy.Run(pid, controlFd, stderr);
        // `nido oci --version` (`-v`) is runc's: the same text as `nido --version`.
        if (args is ["oci", "--version" or "-v"]) args = ["--version"];
        return CliRunner.Invoke(BuildRoot(), args, stdout, stderr, "nido", "nido --help", static e => e is NidoException or Nido.Vmm.VmmException);
    }
}

/// <summary>A failure the user can act on; its message is printed as is.</summary>
public class NidoException(string message) : Exception(message);
