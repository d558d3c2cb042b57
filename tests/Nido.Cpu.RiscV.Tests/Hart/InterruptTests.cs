using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Tests.Infrastructure;
using static Nido.Cpu.RiscV.Tests.Infrastructure.Asm;

namespace Nido.Cpu.RiscV.Tests.Harts;

/// <summary>Interrupt lines driven from other threads, WFI, delegation, and mip's split between lines and software.</summary>
public sealed class InterruptTests
{
    private const ulong Base = TestMachine.RamBase, Handler = Base + 0xf000, Mmio = 0x1000_0000;
    private const ulong InterruptBit = 1UL << 63;
    private const ulong Seip = 1UL << Interrupt.SupervisorExternal, Ssip = 1UL << Interrupt.SupervisorSoftware;

    [Fact]
    public void ALineRaisedFromAnotherThreadInterruptsARunningHart()
    {
        using var m = new TestMachine();
        using var handled = new ManualResetEventSlim();
        m.Bus.OnWrite = (a, _, _) => { if (a == Mmio) handled.Set(); return true; };
        // The handler reports through a device write, then parks; the main program spins (j .).
        m.Code(Handler, Sw(0, 5, 0), Park);
        m.Code(Base, Park);
        m.Hart.SetX(5, Mmio);
        m.SetCsr(CsrAddress.Mtvec, Handler);
        m.SetCsr(CsrAddress.Mie, 1UL << Interrupt.MachineExternal);
        m.SetCsr(CsrAddress.Mstatus, MStatus.Mie);

        var exit = HartExit.Budget;
        var runner = new Thread(() => exit = m.Hart.Run(long.MaxValue));
        runner.Start();
        Thread.Sleep(20);
        Assert.False(handled.IsSet);
        m.Hart.SetInterruptPending(Interrupt.MachineExternal, true);
        var delivered = handled.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        m.Hart.RequestStop();
        Assert.True(runner.Join(TimeSpan.FromSeconds(10)), "the hart did not stop");
        Assert.True(delivered, "the interrupt was not taken");
        Assert.Equal(HartExit.Stopped, exit);
        Assert.Equal(InterruptBit | Interrupt.MachineExternal, m.Csr(CsrAddress.Mcause));
        Assert.Equal(Base, m.Csr(CsrAddress.Mepc));
        Assert.Equal(0ul, m.Csr(CsrAddress.Mstatus) & MStatus.Mie);
        Assert.NotEqual(0ul, m.Csr(CsrAddress.Mstatus) & MStatus.Mpie);
    }

    [Fact]
    public void WfiWaitsUntilALineFromAnotherThreadMakesAnInterruptPending()
    {
        using var m = new TestMachine();
        // Interrupts globally off: WFI still ends on a pending, enabled interrupt, and execution continues after it.
        m.Code(Base, Wfi, Addi(5, 0, 1));
        m.SetCsr(CsrAddress.Mie, 1UL << Interrupt.MachineSoftware);

        Assert.Equal(HartExit.WaitForInterrupt, m.Hart.Run(100));
        Assert.Equal(Base + 4, m.Hart.Pc);
        Assert.False(m.Hart.InterruptWaiting);
        var raiser = new Thread(() => m.Hart.SetInterruptPending(Interrupt.MachineSoftware, true));
        raiser.Start();
        raiser.Join();
        Assert.True(m.Hart.InterruptWaiting);
        Assert.Equal(HartExit.Budget, m.Hart.Run(1));
        Assert.Equal(1ul, m.Hart.GetX(5));
        Assert.Equal(PrivilegeMode.Machine, m.Hart.Mode);
    }

    [Fact]
    public void RequestStopFromAnotherThreadEndsRun()
    {
        using var m = new TestMachine();
        m.Code(Base, Park);
        var exit = HartExit.Budget;
        var runner = new Thread(() => exit = m.Hart.Run(long.MaxValue));
        runner.Start();
        Thread.Sleep(10);
        m.Hart.RequestStop();
        Assert.True(runner.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(HartExit.Stopped, exit);
    }

    [Fact]
    public void MachineInterruptsAreTakenInPriorityOrder()
    {
        using var m = new TestMachine();
        m.ParkTraps(Handler);
        m.Code(Base, Nop);
        m.SetCsr(CsrAddress.Mie, Interrupt.MachineMask);
        m.SetCsr(CsrAddress.Mstatus, MStatus.Mie);
        m.Hart.SetInterruptPending(Interrupt.MachineTimer, true);
        m.Hart.SetInterruptPending(Interrupt.MachineSoftware, true);
        m.Hart.SetInterruptPending(Interrupt.MachineExternal, true);
        m.Hart.Run(1);
        Assert.Equal(InterruptBit | Interrupt.MachineExternal, m.Csr(CsrAddress.Mcause));
    }

    [Fact]
    public void InterruptsForMachineModeComeBeforeDelegatedOnes()
    {
        // Interrupts destined for a higher privilege are serviced first, whatever the fixed order (MEI, MSI, MTI,
        // SEI, SSI, STI) says among themselves: with SEI delegated and STI not, a pending STI goes to M-mode
        // ahead of the pending SEI (QEMU's riscv_cpu_local_irq_pending does the same).
        using var m = new TestMachine();
        m.ParkTraps(Handler);
        m.Code(Base + 0x3000, Park);
        m.SetCsr(CsrAddress.Stvec, Base + 0x3000);
        m.SetCsr(CsrAddress.Mideleg, Seip);
        m.SetCsr(CsrAddress.Mie, Seip | 1UL << Interrupt.SupervisorTimer);
        m.SetCsr(CsrAddress.Mip, 1UL << Interrupt.SupervisorTimer);
        m.Code(Base + 0x100, Nop, Nop);
        m.Enter(PrivilegeMode.User, Base + 0x100);
        m.Hart.SetInterruptPending(Interrupt.SupervisorExternal, true);
        m.Hart.Run(1);
        Assert.Equal(PrivilegeMode.Machine, m.Hart.Mode);
        Assert.Equal(InterruptBit | Interrupt.SupervisorTimer, m.Csr(CsrAddress.Mcause));
        // Taken from the user program, not from an S-mode handler entered for SEI first.
        Assert.Equal(Base + 0x100, m.Csr(CsrAddress.Mepc));
        Assert.Equal(0ul, m.Csr(CsrAddress.Scause));
    }

    [Fact]
    public void ADelegatedExternalInterruptGoesToSupervisorVectored()
    {
        using var m = new TestMachine();
        m.ParkTraps(Handler);
        m.Code(Base + 0x3000 + 4 * Interrupt.SupervisorExternal, Park);
        m.SetCsr(CsrAddress.Stvec, Base + 0x3000 + 1); // vectored
        m.SetCsr(CsrAddress.Mideleg, Interrupt.SupervisorMask);
        m.SetCsr(CsrAddress.Mie, Seip);
        m.Code(Base + 0x100, Nop, Nop);
        m.Enter(PrivilegeMode.User, Base + 0x100);
        m.Hart.SetInterruptPending(Interrupt.SupervisorExternal, true);
        m.Hart.Run(1);
        Assert.Equal(PrivilegeMode.Supervisor, m.Hart.Mode);
        Assert.Equal(Base + 0x3000 + 4 * Interrupt.SupervisorExternal, m.Hart.Pc);
        Assert.Equal(InterruptBit | Interrupt.SupervisorExternal, m.Csr(CsrAddress.Scause));
        Assert.Equal(Base + 0x100, m.Csr(CsrAddress.Sepc));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SettingSsipWhileALineDrivesSeipDoesNotLatchSeip(bool immediate)
    {
        // Regression: csrs mip, SSIP read mip (with the PLIC's SEIP) and wrote it all back as software bits, so
        // SEIP stayed set after the line dropped: an external interrupt that never ended.
        using var m = new TestMachine();
        m.Hart.SetX(6, Ssip);
        m.Code(Base, immediate ? Csrrsi(5, CsrAddress.Mip, (int)Ssip) : Csrrs(5, CsrAddress.Mip, 6), Csrrci(0, CsrAddress.Mip, 0));
        m.Hart.SetInterruptPending(Interrupt.SupervisorExternal, true);
        m.Hart.Run(2);
        Assert.Equal(Seip, m.Hart.GetX(5) & Seip); // the read saw the line
        Assert.Equal(Seip | Ssip, m.Csr(CsrAddress.Mip) & (Seip | Ssip));
        m.Hart.SetInterruptPending(Interrupt.SupervisorExternal, false);
        Assert.Equal(Ssip, m.Csr(CsrAddress.Mip) & (Seip | Ssip));
    }

    [Fact]
    public void ClearingSsipWhileALineDrivesSeipDoesNotLatchSeip()
    {
        using var m = new TestMachine();
        m.SetCsr(CsrAddress.Mip, Ssip);
        m.Code(Base, Csrrci(0, CsrAddress.Mip, (int)Ssip));
        m.Hart.SetInterruptPending(Interrupt.SupervisorExternal, true);
        m.Hart.Run(1);
        m.Hart.SetInterruptPending(Interrupt.SupervisorExternal, false);
        Assert.Equal(0ul, m.Csr(CsrAddress.Mip) & (Seip | Ssip));
    }

    [Fact]
    public void SoftwareSeipOutlivesTheLine()
    {
        // What M-mode software writes to mip.SEIP is its own bit (ORed with the line), not the line's.
        using var m = new TestMachine();
        m.Hart.SetX(6, Seip);
        m.Code(Base, Csrrs(0, CsrAddress.Mip, 6));
        m.Hart.Run(1);
        m.Hart.SetInterruptPending(Interrupt.SupervisorExternal, true);
        m.Hart.SetInterruptPending(Interrupt.SupervisorExternal, false);
        Assert.Equal(Seip, m.Csr(CsrAddress.Mip) & Seip);
    }

    [Fact]
    public void MachineLinesAreNotWritableThroughMip()
    {
        using var m = new TestMachine();
        m.Hart.SetX(6, Interrupt.MachineMask);
        m.Code(Base, Csrrs(0, CsrAddress.Mip, 6), Csrrc(0, CsrAddress.Mip, 6));
        m.Hart.Run(1);
        Assert.Equal(0ul, m.Csr(CsrAddress.Mip) & Interrupt.MachineMask);
        m.Hart.SetInterruptPending(Interrupt.MachineTimer, true);
        m.Hart.Run(1); // csrc must not clear a line either
        Assert.Equal(1UL << Interrupt.MachineTimer, m.Csr(CsrAddress.Mip) & Interrupt.MachineMask);
    }
}
