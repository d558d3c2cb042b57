namespace Nido.Cli.Doctor.Checks;

/// <summary>What the RISC-V emulator needs beyond .NET: Debian's OpenSBI (its default firmware) and xz (the default guest's modules).</summary>
public sealed class EmuCheck : IHostCheck
{
    public CheckResult Run(HostView host)
    {
        var firmware = Nido.Vmm.RiscV.RiscVMachine.DefaultFirmware;
        if (!host.Exists(firmware))
            return new("emulator", CheckStatus.Warn, $"no {firmware}: `nido vm run --arch riscv64` needs --bios FILE or --bios none (scripts/setup.sh emu installs Debian's opensbi)");
        if (!host.Exists("/usr/bin/xz"))
            return new("emulator", CheckStatus.Warn, "no xz: the default riscv64 guest cannot be assembled (its kernel modules are .ko.xz; Debian package xz-utils)");
        return new("emulator", CheckStatus.Ok, "riscv64 guests: OpenSBI from Debian's opensbi package, xz for the default guest's modules");
    }
}
