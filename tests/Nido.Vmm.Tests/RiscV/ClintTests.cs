using System.Diagnostics;
using Nido.Cpu.RiscV;
using Nido.Hypervisor.Emu;

namespace Nido.Vmm.Tests.RiscV;

/// <summary>The CLINT: msip → MSIP, mtime/mtimecmp → MTIP, and 32-bit access to its 64-bit registers.</summary>
public sealed class ClintTests
{
    private const ulong Msip = 0x0, Mtimecmp = 0x4000, Mtime = 0xbff8;

    private sealed class Rig
    {
        public readonly Dictionary<(int Hart, int Irq), bool> Lines = [];
        public readonly Clint Clint;

        /// <param name="hz">mtime's rate; 1 Hz keeps it still for the length of a test (values below leave margins).</param>
        public Rig(int harts = 2, ulong hz = 1) => Clint = new Clint(harts, hz, (h, irq, level) => Lines[(h, irq)] = level);

        public bool Line(int hart, int irq) => Lines.GetValueOrDefault((hart, irq));

        public ulong Read(ulong offset, int size)
        {
            Assert.True(Clint.Read(offset, size, out var v));
            return v;
        }

        public void Write(ulong offset, int size, ulong value) => Assert.True(Clint.Write(offset, size, value));
    }

    [Fact]
    public void MsipDrivesMachineSoftwareOfItsHart()
    {
        var r = new Rig();
        r.Write(Msip + 4, 4, 1);
        Assert.True(r.Line(1, Interrupt.MachineSoftware));
        Assert.False(r.Line(0, Interrupt.MachineSoftware));
        Assert.Equal(1ul, r.Read(Msip + 4, 4));
        r.Write(Msip + 4, 4, 0xffff_fffe); // only bit 0 exists
        Assert.False(r.Line(1, Interrupt.MachineSoftware));
        Assert.Equal(0ul, r.Read(Msip + 4, 4));
    }

    [Fact]
    public void MtimecmpAtOrBelowMtimeRaisesMachineTimer()
    {
        var r = new Rig();
        r.Write(Mtime, 8, 1000);
        r.Write(Mtimecmp + 8, 8, 1_000_000); // hart 1
        Assert.False(r.Line(1, Interrupt.MachineTimer));
        r.Write(Mtime, 8, 2_000_000); // time passes the compare value
        Assert.True(r.Line(1, Interrupt.MachineTimer));
        Assert.False(r.Line(0, Interrupt.MachineTimer)); // hart 0's mtimecmp is still all ones
        r.Write(Mtimecmp + 8, 8, ulong.MaxValue); // moving the compare value ahead lowers it
        Assert.False(r.Line(1, Interrupt.MachineTimer));
        r.Write(Mtimecmp + 8, 8, 5); // and one in the past raises it at once
        Assert.True(r.Line(1, Interrupt.MachineTimer));
    }

    [Fact]
    public void TheTimerFiresOnceRealTimePassesTheCompareValue()
    {
        var r = new Rig(harts: 1, hz: 1_000_000);
        var due = r.Clint.Now + 20_000; // 20 ms
        r.Write(Mtimecmp, 8, due);
        Assert.False(r.Line(0, Interrupt.MachineTimer));
        var wait = r.Clint.RefreshTimer(0);
        Assert.True(wait > 0 && wait <= Stopwatch.Frequency / 10, $"{wait} host ticks until the timer");
        var deadline = Stopwatch.GetTimestamp() + 5 * Stopwatch.Frequency;
        while (!r.Line(0, Interrupt.MachineTimer) && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Sleep(5);
            r.Clint.RefreshTimer(0);
        }
        Assert.True(r.Line(0, Interrupt.MachineTimer));
        Assert.True(r.Clint.Now >= due);
        Assert.Equal(-1, r.Clint.RefreshTimer(0));
    }

    [Fact]
    public void SixtyFourBitRegistersAreReachableAsTwoHalves()
    {
        var r = new Rig();
        r.Write(Mtimecmp + 8, 4, 0x89ab_cdef); // hart 1, low half
        r.Write(Mtimecmp + 12, 4, 0x0123_4567); // high half
        Assert.Equal(0x0123_4567_89ab_cdeful, r.Clint.Mtimecmp(1));
        Assert.Equal(0x89ab_cdeful, r.Read(Mtimecmp + 8, 4));
        Assert.Equal(0x0123_4567ul, r.Read(Mtimecmp + 12, 4));
        Assert.Equal(0x0123_4567_89ab_cdeful, r.Read(Mtimecmp + 8, 8));
        Assert.Equal(ulong.MaxValue, r.Clint.Mtimecmp(0)); // its neighbour untouched

        r.Write(Mtime, 8, 0x5_0000_0100);
        Assert.Equal(5ul, r.Read(Mtime + 4, 4));
        r.Write(Mtime + 4, 4, 7); // the high half alone
        Assert.Equal(7ul, r.Read(Mtime + 4, 4));
        Assert.InRange(r.Read(Mtime, 4), 0x100ul, 0x200ul);
    }

    [Fact]
    public void ReservedSpaceReadsZeroAndIgnoresWrites()
    {
        var r = new Rig();
        r.Write(0x8000, 4, 0xffff_ffff);
        Assert.Equal(0ul, r.Read(0x8000, 4));
        Assert.Equal(0ul, r.Read(Msip + 8, 4)); // past the last hart's msip
        Assert.Empty(r.Lines);
    }
}
