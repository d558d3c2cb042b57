using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Tests.Infrastructure;
using static Nido.Cpu.RiscV.Tests.Infrastructure.Asm;

namespace Nido.Cpu.RiscV.Tests.Harts;

/// <summary>minstret/mcycle and the trigger CSRs, as riscv-tests' rv64mi instret_overflow and breakpoint check them.</summary>
public sealed class CounterTests
{
    private const ulong Base = TestMachine.RamBase;

    [Fact]
    public void A_counter_read_counts_the_instructions_before_it_and_a_minstret_write_is_what_the_next_one_reads()
    {
        using var m = new TestMachine();
        m.Code(Base,
            Csrrs(1, CsrAddress.Minstret, 0),      // the first instruction: none retired before it
            Addi(0, 0, 0),
            Csrrs(2, CsrAddress.Minstret, 0),      // two before it
            Csrrw(0, CsrAddress.Minstret, 0),      // minstret = 0, its own increment suppressed
            Csrrs(3, CsrAddress.Minstret, 0),      // reads 0
            Csrrs(4, CsrAddress.Minstret, 0),      // reads 1
            Addi(5, 0, 100),
            Csrrw(0, CsrAddress.Mcycle, 5),        // mcycle = 100, and a cycle passes during the write
            Csrrs(6, CsrAddress.Mcycle, 0));       // reads 101
        Assert.Equal(HartExit.Budget, m.Hart.Run(9));
        Assert.Equal(0ul, m.Hart.GetX(1));
        Assert.Equal(2ul, m.Hart.GetX(2));
        Assert.Equal(0ul, m.Hart.GetX(3));
        Assert.Equal(1ul, m.Hart.GetX(4));
        Assert.Equal(101ul, m.Hart.GetX(6));
    }

    [Fact]
    public void The_trigger_module_has_no_triggers()
    {
        // tselect keeps 0, tdata1 keeps type 0 ("no trigger here") whatever is written, tinfo offers only type 0.
        using var m = new TestMachine();
        m.Hart.SetX(5, 3);
        m.Hart.SetX(6, (2UL << 60) | (1 << 6) | (1 << 2)); // an mcontrol execute breakpoint in M-mode
        m.Code(Base,
            Csrrw(0, CsrAddress.Tselect, 5),
            Csrrs(1, CsrAddress.Tselect, 0),
            Csrrw(0, CsrAddress.Tdata1, 6),
            Csrrs(2, CsrAddress.Tdata1, 0),
            Csrrs(3, CsrAddress.Tinfo, 0),
            Csrrs(4, CsrAddress.Tdata2, 0));
        Assert.Equal(HartExit.Budget, m.Hart.Run(6));
        Assert.Equal(0ul, m.Hart.GetX(1));
        Assert.Equal(0ul, m.Hart.GetX(2));
        Assert.Equal(1ul, m.Hart.GetX(3));
        Assert.Equal(0ul, m.Hart.GetX(4));
        Assert.Equal(Base + 24, m.Hart.Pc); // nothing trapped
    }
}
