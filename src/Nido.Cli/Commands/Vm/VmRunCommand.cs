using System.CommandLine;
using Nido.Linux;
using Nido.Vmm;
using Nido.Vmm.Config;
using Nido.Vmm.X86;

namespace Nido.Cli.Commands.Vm;

/// <summary>
/// `nido vm run [--kernel K] …`: boots a VM (the default guest without --kernel) with its serial console on this terminal. The exit code is the
/// guest's isa-debug-exit value, 0 on power-off, and 1 (with the reason on stderr) on reset, triple fault or error.
/// </summary>
public static class VmRunCommand
{
    private static readonly Option<string?> Kernel = new("--kernel") { Description = "Kernel: bzImage, Multiboot ELF, or vmlinux with a PVH note (default: the default guest, see `nido vm guest`)" };
    private static readonly Option<string?> Initrd = new("--initrd") { Description = "Initrd (Linux) or modules \"PATH [ARGS],…\" (Multiboot)" };
    private static readonly Option<string> CommandLine = new("--cmdline", "--append") { Description = "Kernel command line", DefaultValueFactory = _ => "" };
    private static readonly Option<int> Cpus = new("--cpus") { Description = "Number of vCPUs", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> Memory = new("--memory", "-m") { Description = "Guest RAM (MiB, or with K/M/G suffix)", DefaultValueFactory = _ => "256M" };
    private static readonly Option<string[]> Disks = new("--disk") { Description = "Block device FILE[,ro] (repeatable)" };
    private static readonly Option<string[]> Net = new("--net") { Description = "Network interface: none, tap (Nido creates nido%d) or tap:NAME (attach, or create), with ,mac=MAC; repeatable", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string?> Accel = new("--accel") { Description = "kvm or emu (default: kvm for x86_64, emu for riscv64)" };
    private static readonly Option<string> Arch = new("--arch") { Description = "x86_64 or riscv64", DefaultValueFactory = _ => "x86_64" };
    private static readonly Option<string> ConsoleOption = new("--console") { Description = "Where terminal input goes: serial (COM1) or virtio (hvc0)", DefaultValueFactory = _ => "serial" };
    private static readonly Option<string?> Bios = new("--bios") { Description = "riscv64 firmware: a file, or none to enter the kernel (a bare-metal ELF) in M-mode" };
    private static readonly Option<bool> HugePages = new("--huge-pages") { Description = "Back guest RAM with 2 MiB huge pages" };

    public static Command Create()
    {
        var command = new Command("run", "Boot a VM with its serial console attached to this terminal")
        {
            Kernel, Initrd, CommandLine, Cpus, Memory, Disks, Net, ConsoleOption, Accel, Arch, Bios, HugePages,
        };
        command.SetAction(parse =>
        {
            var arch = parse.GetValue(Arch) switch
            {
                "x86_64" or "x86-64" or "amd64" => Architecture.X86_64,
                "riscv64" => Architecture.RiscV64,
                var other => throw new NidoException($"--arch: \"{other}\" is not x86_64 or riscv64"),
            };
            // The host's own code runs as precompiled, never recompiled in tiers: the second core is the region
            // translator's, and the tiering thread's recompiles of the interpreter and devices competed with it for
            // the first second of a boot (booting the default guest: about -8%, alternating).
            if (arch == Architecture.RiscV64 && parse.GetValue(Accel) is null or "emu")
                JitHost.HandOff(parse.InvocationConfiguration.Error, "vm", ("DOTNET_TieredCompilation", "0"));
            var kernel = parse.GetValue(Kernel);
            var initrd = parse.GetValue(Initrd);
            var cmdline = parse.GetValue(CommandLine) ?? "";
            if (kernel is null)
            {
                // The default guest: its kernel and initramfs, its command line followed by the user's.
                var guest = VmGuestCommand.Ensure(parse.InvocationConfiguration.Error, arch == Architecture.RiscV64);
                kernel = guest.Kernel;
                initrd ??= guest.Initrd;
                cmdline = $"{guest.CommandLine} {cmdline}".Trim();
            }
            var config = new VmConfig
            {
                Kernel = kernel,
                Initrd = initrd,
                CommandLine = cmdline,
                Cpus = parse.GetValue(Cpus),
                MemoryBytes = VmConfig.ParseSize(parse.GetValue(Memory)!),
                HugePages = parse.GetValue(HugePages),
                Disks = [.. (parse.GetValue(Disks) ?? []).Select(VmConfig.ParseDisk)],
                Networks = [.. (parse.GetValue(Net) ?? []).Select(VmConfig.ParseNet).OfType<Nido.Devices.Virtio.Net.NetConfig>()],
                Console = parse.GetValue(ConsoleOption) switch
                {
                    "serial" => ConsoleDevice.Serial,
                    "virtio" => ConsoleDevice.Virtio,
                    var other => throw new NidoException($"--console: \"{other}\" is not serial or virtio"),
                },
                Accel = parse.GetValue(Accel) switch
                {
                    null => arch == Architecture.RiscV64 ? Accelerator.Emu : Accelerator.Kvm,
                    "kvm" => Accelerator.Kvm,
                    "emu" => Accelerator.Emu,
                    var other => throw new NidoException($"--accel: \"{other}\" is not kvm or emu"),
                },
                Arch = arch,
                Bios = parse.GetValue(Bios),
            };
            return Run(config, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(VmConfig config, TextWriter stderr)
    {
        var terminal = Terminal.IsTerminal(0);
        using var stdout = Console.OpenStandardOutput();
        using var vm = MachineFactory.Build(config, new ConsoleStreams(stdout, Console.OpenStandardInput(), Escapes: terminal, Log: line => stderr.WriteLine($"nido: vm: {line}")));
        using var raw = terminal ? Terminal.MakeRaw(0) : null;
        var outcome = vm.Run();
        raw?.Dispose();
        if (outcome.Reason is { } reason) stderr.WriteLine($"nido: vm: {reason}");
        return outcome.ExitCode;
    }
}
