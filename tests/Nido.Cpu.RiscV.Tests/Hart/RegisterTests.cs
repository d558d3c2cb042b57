using Nido.Cpu.RiscV.Tests.Infrastructure;
using static Nido.Cpu.RiscV.Tests.Infrastructure.Asm;

namespace Nido.Cpu.RiscV.Tests.Harts;

public sealed class RegisterTests
{
    private const ulong Base = TestMachine.RamBase;

    [Fact]
    public void X0StaysZeroWhateverWritesIt()
    {
        using var m = new TestMachine();
        m.Hart.SetX(1, 0x1234);
        m.Write64(Base + 0x800, 0xfeed_f00d);
        var pc = m.Code(Base,
            Addi(0, 0, 5), Lui(0, 0x12345), Add(0, 1, 1), Ld(0, 2, 0), Jal(0, 4), Csrrs(0, Csr.CsrAddress.Mscratch, 1));
        m.Code16(pc, CLi(0, 5)); // a hint: it must not write x0 either
        m.Code(pc + 2, Add(5, 0, 0), Addi(6, 0, 7));
        m.Hart.SetX(2, Base + 0x800);
        m.Hart.SetX(0, 99); // the API ignores x0 too

        Assert.Equal(HartExit.Budget, m.Hart.Run(9));
        Assert.Equal(0ul, m.Hart.GetX(0));
        Assert.Equal(0ul, m.Hart.GetX(5));
        Assert.Equal(7ul, m.Hart.GetX(6));
        Assert.Equal(pc + 10, m.Hart.Pc);
    }

    [Fact]
    public void RegisterIndicesWrapAtThirtyTwo()
    {
        using var m = new TestMachine();
        m.Hart.SetX(33, 5); // x1
        Assert.Equal(5ul, m.Hart.GetX(1));
        Assert.Equal(0ul, m.Hart.GetX(32));
    }
}
