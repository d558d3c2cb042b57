using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Tests.Infrastructure;
using static Nido.Cpu.RiscV.Tests.Infrastructure.Asm;

namespace Nido.Cpu.RiscV.Tests.Harts;

/// <summary>Loads and stores: misaligned across pages (each byte through its own translation), devices, access faults.</summary>
public sealed class MemoryAccessTests
{
    private const ulong Base = TestMachine.RamBase, Mmio = 0x1000_0000;

    [Fact]
    public void MisalignedAccessCrossingAPageInBareMode()
    {
        using var m = new TestMachine();
        m.Hart.SetX(5, Base + 0x1ffd);
        m.Hart.SetX(6, 0x1122_3344_5566_7788);
        m.Code(Base, Sd(6, 5, 0), Ld(7, 5, 0), Lw(8, 5, 1));

        Assert.Equal(HartExit.Budget, m.Hart.Run(3));
        Assert.Equal(new byte[] { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 }, m.Ram.Bytes.Slice(0x1ffd, 8).ToArray());
        Assert.Equal(0x1122_3344_5566_7788ul, m.Hart.GetX(7));
        Assert.Equal(0x4455_6677ul, m.Hart.GetX(8));
        Assert.Equal(Base + 12, m.Hart.Pc);
    }

    [Fact]
    public void MisalignedAccessCrossingIntoANonAdjacentPhysicalPage()
    {
        using var m = new TestMachine();
        m.ParkTraps();
        var pt = new PageTables(m, Base + 0x8_0000);
        const ulong rwad = PageTables.R | PageTables.W | PageTables.A | PageTables.D;
        pt.Map(Base, Base, PageTables.R | PageTables.X | PageTables.A);
        pt.Map(0x4000_1000, Base + 0x5000, rwad);
        pt.Map(0x4000_2000, Base + 0x3000, rwad); // the next virtual page lies below the first physically
        m.SetCsr(CsrAddress.Satp, pt.Satp);
        m.Code(Base, Sd(6, 5, 0), Ld(7, 5, 0), Lw(8, 5, 1));
        m.Hart.SetX(5, 0x4000_1ffd);
        m.Hart.SetX(6, 0x1122_3344_5566_7788);
        m.Enter(PrivilegeMode.Supervisor, Base);

        Assert.Equal(HartExit.Budget, m.Hart.Run(3));
        Assert.Equal(new byte[] { 0x88, 0x77, 0x66 }, m.Ram.Bytes.Slice(0x5ffd, 3).ToArray());
        Assert.Equal(new byte[] { 0x55, 0x44, 0x33, 0x22, 0x11 }, m.Ram.Bytes.Slice(0x3000, 5).ToArray());
        Assert.Equal(0x1122_3344_5566_7788ul, m.Hart.GetX(7));
        Assert.Equal(0x4455_6677ul, m.Hart.GetX(8));
        Assert.Equal(PrivilegeMode.Supervisor, m.Hart.Mode);
    }

    /// <summary>
    /// SFENCE.VMA with an address drops what the TLB holds from the leaf mapping that address: for a superpage, also the
    /// entries of its other 4 KiB pages. (The TLB keeps the rest, which Linux relies on for speed, not correctness.)
    /// </summary>
    [Theory]
    [InlineData(0, 0x4000_5000ul, 0x4000_5000ul)]
    [InlineData(1, 0x4020_5000ul, 0x4020_5000ul)]
    [InlineData(1, 0x4020_5000ul, 0x4033_9000ul)]
    [InlineData(2, 0x4020_5000ul, 0x7fff_f000ul)]
    public void AnAddressFenceDropsTheWholeLeafItNames(int leafLevel, ulong accessed, ulong fenced)
    {
        using var m = new TestMachine(ramSize: 4 << 20);
        m.ParkTraps();
        var pt = new PageTables(m, Base + 0x8_0000);
        pt.Map(Base, Base, PageTables.R | PageTables.X | PageTables.A);
        var leafBase = accessed & ~((1UL << (12 + 9 * leafLevel)) - 1);
        var pa = leafLevel == 0 ? Base + 0x5000 : Base; // superpages must be physically aligned: RAM starts at 2 GiB
        const ulong rwad = PageTables.R | PageTables.W | PageTables.A | PageTables.D;
        pt.Map(leafBase, pa, rwad, leafLevel);
        m.SetCsr(CsrAddress.Satp, pt.Satp);
        m.Code(Base, Sd(6, 5, 0), Wfi, SfenceVma(7, 0), Sd(6, 5, 0));
        m.Hart.SetX(5, accessed);
        m.Hart.SetX(6, 0x5a);
        m.Hart.SetX(7, fenced);
        m.Enter(PrivilegeMode.Supervisor, Base);
        m.Hart.Run(1); // the store fills the TLB
        Assert.Equal(0x5aul, m.Read64(pa + (accessed - leafBase)));

        pt.Map(leafBase, pa, PageTables.R | PageTables.A, leafLevel); // read-only now
        m.Hart.Pc = Base + 8;
        m.Hart.Run(2);
        Assert.Equal(PrivilegeMode.Machine, m.Hart.Mode);
        Assert.Equal((ulong)ExceptionCause.StorePageFault, m.Csr(CsrAddress.Mcause));
        Assert.Equal(accessed, m.Csr(CsrAddress.Mtval));
    }

    [Fact]
    public void AStoreWhoseSecondPageFaultsWritesNothing()
    {
        using var m = new TestMachine();
        m.ParkTraps();
        var pt = new PageTables(m, Base + 0x8_0000);
        pt.Map(Base, Base, PageTables.R | PageTables.X | PageTables.A);
        pt.Map(0x4000_1000, Base + 0x5000, PageTables.R | PageTables.W | PageTables.A | PageTables.D);
        m.SetCsr(CsrAddress.Satp, pt.Satp);
        m.Code(Base, Sd(6, 5, 0));
        m.Hart.SetX(5, 0x4000_1ffd);
        m.Hart.SetX(6, ulong.MaxValue);
        m.Enter(PrivilegeMode.Supervisor, Base);

        m.Hart.Run(1);
        Assert.Equal(PrivilegeMode.Machine, m.Hart.Mode);
        Assert.Equal((ulong)ExceptionCause.StorePageFault, m.Csr(CsrAddress.Mcause));
        Assert.Contains(m.Csr(CsrAddress.Mtval), new[] { 0x4000_1ffdul, 0x4000_2000ul });
        Assert.Equal(Base, m.Csr(CsrAddress.Mepc));
        Assert.True(m.Ram.Bytes.Slice(0x5ff0, 16).IndexOfAnyExcept((byte)0) < 0, "part of the faulting store was written");
    }

    [Fact]
    public void DeviceAccessesGoToTheBus()
    {
        using var m = new TestMachine();
        m.Bus.OnRead = (a, s) => a == Mmio + 8 && s == 4 ? (true, 0xdead_beef) : (false, 0);
        m.Bus.OnWrite = (a, s, v) => a == Mmio + 4;
        m.Code(Base, Lui(5, (uint)(Mmio >> 12)), Addi(6, 0, 0x5a), Sw(6, 5, 4), Lw(7, 5, 8));

        Assert.Equal(HartExit.Budget, m.Hart.Run(4));
        Assert.Equal(0xffff_ffff_dead_beeful, m.Hart.GetX(7)); // lw sign-extends
        Assert.Equal([(true, Mmio + 4, 4, 0x5aul), (false, Mmio + 8, 4, 0xdead_beeful)], m.Bus.Log);
        Assert.Equal(Base + 16, m.Hart.Pc);
    }

    [Theory]
    [InlineData(false, ExceptionCause.LoadAccessFault)]
    [InlineData(true, ExceptionCause.StoreAccessFault)]
    public void ABusRefusalIsAnAccessFaultWithTheAddressInMtval(bool store, ExceptionCause cause)
    {
        using var m = new TestMachine();
        m.ParkTraps();
        m.Code(Base, Lui(5, (uint)(Mmio >> 12)), store ? Sd(6, 5, 0x18) : Lb(6, 5, 0x10));

        m.Hart.Run(2);
        Assert.Equal((ulong)cause, m.Csr(CsrAddress.Mcause));
        Assert.Equal(Mmio + (store ? 0x18ul : 0x10ul), m.Csr(CsrAddress.Mtval));
        Assert.Equal(Base + 4, m.Csr(CsrAddress.Mepc));
        Assert.Equal(Base + 0xf000, m.Hart.Pc);
        Assert.Single(m.Bus.Log);
    }

    [Fact]
    public void ADeviceFaultThroughPagingReportsTheVirtualAddress()
    {
        using var m = new TestMachine();
        m.ParkTraps();
        var pt = new PageTables(m, Base + 0x8_0000);
        pt.Map(Base, Base, PageTables.R | PageTables.X | PageTables.A);
        pt.Map(0x5000_0000, Mmio, PageTables.R | PageTables.W | PageTables.A | PageTables.D);
        m.SetCsr(CsrAddress.Satp, pt.Satp);
        m.Bus.OnRead = (a, s) => (a == Mmio + 0x20, 7);
        m.Code(Base, Lw(6, 5, 0x20), Lw(7, 5, 0x24));
        m.Hart.SetX(5, 0x5000_0000);
        m.Enter(PrivilegeMode.Supervisor, Base);

        m.Hart.Run(2);
        Assert.Equal(7ul, m.Hart.GetX(6));
        Assert.Equal((ulong)ExceptionCause.LoadAccessFault, m.Csr(CsrAddress.Mcause));
        Assert.Equal(0x5000_0024ul, m.Csr(CsrAddress.Mtval));
        Assert.Equal([Mmio + 0x20, Mmio + 0x24], m.Bus.Log.Select(e => e.Address));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void AccessesRunningOffTheEndOfRamGoToTheBus(int back)
    {
        // Bytes past RAM's end are not RAM: they go to the bus (here nothing answers: an access fault).
        using var m = new TestMachine(0x2000);
        m.ParkTraps(Base + 0x1000);
        m.Hart.SetX(5, Base + 0x2000 - (ulong)back);
        m.Hart.SetX(6, 0x0102_0304_0506_0708);
        m.Code(Base, Sd(6, 5, 0), Ld(7, 5, 0));
        m.Hart.Run(1);
        Assert.Equal((ulong)ExceptionCause.StoreAccessFault, m.Csr(CsrAddress.Mcause));
        m.Hart.Pc = Base + 4;
        m.Hart.Run(1);
        Assert.Equal((ulong)ExceptionCause.LoadAccessFault, m.Csr(CsrAddress.Mcause));
        Assert.Equal(0ul, m.Hart.GetX(7));
        Assert.Equal(Base + 0x2000, m.Bus.Log[0].Address); // the first byte past RAM was offered to the bus
        var stray = m.Ram.CheckCanaries();
        Assert.True(stray is null, stray);
    }

    [Theory]
    [InlineData(0x2000 + 100, 1)]
    [InlineData(0x2000 + 0x100, 4)]
    public void RamThatEndsInsideAPageIsNotOverrun(int ramSize, int back)
    {
        // IMemoryBus allows any RAM size. An access that starts in RAM's last, partial page and runs past its end
        // must not read or write the host memory after the RAM (only the 8-byte fetch guard is promised, and
        // only for reading).
        using var m = new TestMachine((ulong)ramSize);
        m.ParkTraps(Base + 0x1000);
        m.Hart.SetX(5, Base + (ulong)ramSize - (ulong)back);
        m.Hart.SetX(6, 0x0102_0304_0506_0708);
        m.Code(Base, Sd(6, 5, 0));
        m.Hart.Run(1);
        var stray = m.Ram.CheckCanaries();
        Assert.True(stray is null, stray);
    }
}
