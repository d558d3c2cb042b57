using System.CommandLine;
using Nido.Engine;
using Nido.Vmm.Guest;

namespace Nido.Cli.Commands.Vm;

/// <summary>
/// `nido vm guest`: assembles (once) and prints the default guest, Debian's cloud kernel with Nido's initramfs,
/// so it can also be named in a Firecracker /boot-source or given to another VMM.
/// </summary>
public static class VmGuestCommand
{
    public static string Directory => Path.Combine(EnginePaths.FromEnvironment().DataRoot, "vm", "default-guest");

    public static string RiscVDirectory => Path.Combine(EnginePaths.FromEnvironment().DataRoot, "vm", "default-guest-riscv64");

    public static GuestImage Ensure(TextWriter log, bool riscv = false) => riscv
        ? RiscVGuest.Ensure(RiscVDirectory, line => log.WriteLine($"nido: vm: {line}"))
        : DefaultGuest.Ensure(Directory, line => log.WriteLine($"nido: vm: {line}"));

    public static Command Create()
    {
        var arch = new Option<string>("--arch") { Description = "x86_64 (Debian's cloud kernel) or riscv64 (Debian 13's riscv64 kernel, or unstable's where 13's index fails verification)", DefaultValueFactory = _ => "x86_64" };
        arch.AcceptOnlyFromAmong("x86_64", "riscv64");
        var command = new Command("guest", "Assemble the default guest (a Debian kernel, Nido's initramfs) and print its files") { arch };
        command.SetAction(parse =>
        {
            var guest = Ensure(parse.InvocationConfiguration.Error, parse.GetValue(arch) == "riscv64");
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"kernel:  {guest.Kernel}");
            output.WriteLine($"initrd:  {guest.Initrd}");
            output.WriteLine($"version: {guest.KernelVersion}");
            output.WriteLine($"cmdline: {guest.CommandLine}");
            return 0;
        });
        return command;
    }
}
