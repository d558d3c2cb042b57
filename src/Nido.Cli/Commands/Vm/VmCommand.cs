using System.CommandLine;

namespace Nido.Cli.Commands.Vm;

/// <summary>`nido vm …`: virtual machines on KVM (and, for other ISAs, the emulator).</summary>
public static class VmCommand
{
    public static Command Create() => new("vm", "Run virtual machines") { VmRunCommand.Create(), VmServeCommand.Create(), VmGuestCommand.Create() };
}
