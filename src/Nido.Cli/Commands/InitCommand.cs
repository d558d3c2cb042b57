using System.CommandLine;
using Nido.Containers.Init;

namespace Nido.Cli.Commands;

/// <summary>`nido init`: the container's first process, started by `nido oci create` (hidden, like `runc init`).</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var command = new Command("init", "Container init (internal)") { Hidden = true };
        command.SetAction(_ => ContainerInit.Run());
        return command;
    }
}
