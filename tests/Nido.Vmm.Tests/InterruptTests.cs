using Nido.Vmm.Config;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests;

/// <summary>Timer interrupts through the in-kernel PIC/PIT and local APIC, and APs started by INIT/SIPI.</summary>
public sealed class InterruptTests
{
    [Fact]
    public void PitInterruptsReachTheGuestThroughThePic()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("pit.elf") });
        Assert.Contains("pit ticks=20", run.Lines);
        Assert.Equal(0, run.Outcome.ExitCode);
    }

    [Fact]
    public void LocalApicTimerInterrupts()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("lapic.elf") });
        Assert.Contains("lapic ticks=10", run.Lines);
        Assert.Equal(0, run.Outcome.ExitCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void MpTableListsEveryVcpuAndTheGuestStartsThem(int cpus)
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("smp.elf"), Cpus = cpus });
        Assert.Contains($"mp cpus={cpus}", run.Lines);
        Assert.Contains($"smp started={cpus}", run.Lines);
        Assert.Equal(0, run.Outcome.ExitCode);
    }
}
