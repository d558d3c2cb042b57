using Nido.Cpu.RiscV;
using Nido.Hypervisor.Emu;

namespace Nido.Vmm.Tests.RiscV;

/// <summary>
/// The CLINT and PLIC take whatever a guest sends to their windows (any offset, size 1–8, any value): nothing may
/// throw, and the lines they drive must name a real hart and one of its M/S interrupts.
/// </summary>
public sealed class EmuDeviceFuzzTests
{
    private const int Harts = 3, Operations = 50_000;
    private static readonly int[] Sizes = [1, 2, 4, 8];

    private static Action<int, int, bool> Checked(List<string> problems, params int[] irqs) => (hart, irq, _) =>
    {
        if (hart is < 0 or >= Harts || !irqs.Contains(irq)) problems.Add($"line for hart {hart}, interrupt {irq}");
    };

    [Fact]
    public void PlicSurvivesRandomGuestAccesses()
    {
        var problems = new List<string>();
        var plic = new Plic(Harts, EmuPlatform.Virt.PlicSources, Checked(problems, Interrupt.MachineExternal, Interrupt.SupervisorExternal));
        var rng = new Random(11);
        for (var i = 0; i < Operations; i++)
        {
            // Mostly the real registers (priorities, pending, enables, threshold/claim), sometimes anywhere.
            var offset = rng.Next(5) switch
            {
                0 => (ulong)rng.Next(0x400),
                1 => 0x1000 + (ulong)rng.Next(0x80),
                2 => 0x2000 + (ulong)rng.Next(0x400),
                3 => 0x20_0000 + (ulong)rng.Next(8) * 0x1000 + (ulong)rng.Next(8),
                _ => (ulong)rng.NextInt64((long)EmuPlatform.PlicSize),
            };
            var size = Sizes[rng.Next(4)];
            switch (rng.Next(3))
            {
                case 0: Assert.True(plic.Read(offset, size, out _)); break;
                case 1: Assert.True(plic.Write(offset, size, rng.Next(4) == 0 ? (ulong)rng.NextInt64() : (ulong)rng.Next(100))); break;
                default: plic.SetLine(rng.Next(1, plic.Sources), rng.Next(2) == 0); break;
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void ClintSurvivesRandomGuestAccesses()
    {
        var problems = new List<string>();
        var clint = new Clint(Harts, EmuPlatform.Virt.TimebaseHz, Checked(problems, Interrupt.MachineSoftware, Interrupt.MachineTimer));
        var rng = new Random(12);
        for (var i = 0; i < Operations; i++)
        {
            var offset = rng.Next(4) switch
            {
                0 => (ulong)rng.Next(16),
                1 => 0x4000 + (ulong)rng.Next(32),
                2 => 0xbff0 + (ulong)rng.Next(16),
                _ => (ulong)rng.NextInt64((long)EmuPlatform.ClintSize),
            };
            var size = Sizes[rng.Next(4)];
            if (rng.Next(2) == 0) Assert.True(clint.Read(offset, size, out _));
            else Assert.True(clint.Write(offset, size, (ulong)rng.NextInt64()));
            if (rng.Next(16) == 0) clint.RefreshTimer(rng.Next(Harts));
        }
        Assert.Empty(problems);
    }
}
