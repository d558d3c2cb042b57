using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Tests.Infrastructure;
using static Nido.Cpu.RiscV.Tests.Infrastructure.Asm;

namespace Nido.Cpu.RiscV.Tests.Harts;

/// <summary>Illegal instructions trap with the instruction bits in xtval; delegation sends them to S-mode.</summary>
public sealed class TrapTests
{
    private const ulong Base = TestMachine.RamBase, Handler = Base + 0xf000;

    [Theory]
    [InlineData(0xfe00_707bu, 4)]  // custom-3 opcode: no such instruction
    [InlineData(0x0000_6081u, 2)]  // c.lui x1, 0: reserved
    [InlineData(0x0000_0000u, 2)]  // the all-zero halfword is defined illegal
    [InlineData(0xf110_90f3u, 4)]  // csrrw x1, mvendorid, x1: a write to a read-only CSR
    [InlineData(0x0020_8053u, 4)]  // fadd.s with mstatus.FS = Off
    [InlineData(0x7b20_0073u, 4)]  // dret: no debug mode
    public void AnIllegalInstructionTrapsWithItsBitsInMtval(uint bits, int length)
    {
        using var m = new TestMachine();
        m.ParkTraps(Handler);
        if (length == 4) m.Code(Base, bits);
        else m.Code16(Base, (ushort)bits);
        m.Hart.Run(1);
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.Csr(CsrAddress.Mcause));
        Assert.Equal((ulong)bits, m.Csr(CsrAddress.Mtval));
        Assert.Equal(Base, m.Csr(CsrAddress.Mepc));
        Assert.Equal(Handler, m.Hart.Pc);
    }

    [Theory]
    [InlineData(Mret)]
    [InlineData(Sret)]
    [InlineData(Wfi)]
    [InlineData(0x3000_2573u)] // csrrs x10, mstatus, x0
    [InlineData(0x1200_0073u)] // sfence.vma
    public void PrivilegedInstructionsFromUserModeAreIllegal(uint bits)
    {
        using var m = new TestMachine();
        m.ParkTraps(Handler);
        m.Code(Base + 0x100, bits);
        m.Enter(PrivilegeMode.User, Base + 0x100);
        m.Hart.Run(1);
        Assert.Equal(PrivilegeMode.Machine, m.Hart.Mode);
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.Csr(CsrAddress.Mcause));
        Assert.Equal((ulong)bits, m.Csr(CsrAddress.Mtval));
        Assert.Equal(Base + 0x100, m.Csr(CsrAddress.Mepc));
        Assert.Equal(0ul, (m.Csr(CsrAddress.Mstatus) & MStatus.Mpp) >> MStatus.MppShift); // came from U
    }

    [Fact]
    public void DelegatedExceptionsGoToStvecWithStval()
    {
        using var m = new TestMachine();
        m.ParkTraps(Handler);
        m.Code(Base + 0x2000, Park);
        m.SetCsr(CsrAddress.Stvec, Base + 0x2000);
        m.SetCsr(CsrAddress.Medeleg, 1UL << (int)ExceptionCause.IllegalInstruction);
        m.Code(Base + 0x100, 0xfe00_707b);
        m.Enter(PrivilegeMode.User, Base + 0x100);
        m.Hart.Run(1);
        Assert.Equal(PrivilegeMode.Supervisor, m.Hart.Mode);
        Assert.Equal(Base + 0x2000, m.Hart.Pc);
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.Csr(CsrAddress.Scause));
        Assert.Equal(0xfe00_707bul, m.Csr(CsrAddress.Stval));
        Assert.Equal(Base + 0x100, m.Csr(CsrAddress.Sepc));
        Assert.Equal(0ul, m.Csr(CsrAddress.Sstatus) & MStatus.Spp); // came from U
    }

    [Fact]
    public void EcallCausesDependOnPrivilege()
    {
        using var m = new TestMachine();
        m.ParkTraps(Handler);
        m.Code(Base, Ecall);
        m.Hart.Run(1);
        Assert.Equal((ulong)ExceptionCause.EcallFromM, m.Csr(CsrAddress.Mcause));
        m.Code(Base + 0x100, Ecall);
        m.Enter(PrivilegeMode.Supervisor, Base + 0x100);
        m.Hart.Run(1);
        Assert.Equal((ulong)ExceptionCause.EcallFromS, m.Csr(CsrAddress.Mcause));
        Assert.Equal(0ul, m.Csr(CsrAddress.Mtval));
    }
}
