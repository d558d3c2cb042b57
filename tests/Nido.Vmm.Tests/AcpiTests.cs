using Nido.Devices.Virtio.Block;
using Nido.Vmm.Config;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests;

/// <summary>
/// The machine as a guest that reads only ACPI sees it (Debian's kernels parse no MP table and take no
/// virtio_mmio.device= parameters): CPUs from the MADT, virtio-mmio windows from the DSDT, power-off and
/// reset through the FADT's registers.
/// </summary>
public sealed class AcpiTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-acpi").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private VmConfig Config(string cmdline, int cpus = 1)
    {
        var disk = Path.Combine(_dir, "disk.img");
        File.WriteAllBytes(disk, new byte[4096]);
        return new VmConfig { Kernel = Guests.Path("acpi.elf"), CommandLine = cmdline, Cpus = cpus, Disks = [new BlockConfig(disk)], Rng = true };
    }

    [Fact]
    public void GuestFindsCpusAndVirtioDevicesThroughAcpiAndPowersOff()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(Config("action=off", cpus: 2));
        Assert.True(run.Outcome.ExitCode == 0, run.Output + run.Outcome.Reason);
        Assert.Null(run.Outcome.Reason);
        Assert.Contains("acpi rsdp=0xe0000 revision=2", run.Lines);
        Assert.Contains("acpi fadt hw_reduced=1", run.Lines);
        Assert.Contains("acpi cpus=2 ioapic=0xfec00000", run.Lines);
        Assert.Contains("acpi virtio base=0xd0000000 size=0x200 irq=5 level magic=ok id=2", run.Lines);
        Assert.Contains("acpi virtio base=0xd0000200 size=0x200 irq=6 level magic=ok id=4", run.Lines);
        Assert.Equal(2, run.Lines.Count(l => l.StartsWith("acpi virtio ")));
        Assert.Contains("acpi s5 slp_typ=5", run.Lines);
        Assert.Contains("acpi powering off", run.Lines);
    }

    [Fact]
    public void ResetRegisterEndsTheVmAsAReboot()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(Config("action=reset"));
        Assert.True(run.Outcome.ExitCode == VmOutcome.GuestFailure, run.Output);
        Assert.Contains("reset", run.Outcome.Reason);
        Assert.Contains("acpi resetting", run.Lines);
    }
}
