using Nido.Cpu.RiscV;
using Nido.Hypervisor.Emu;

namespace Nido.Vmm.Tests.RiscV;

/// <summary>The PLIC's register semantics (SiFive map): priority, threshold, claim/complete, level sources, contexts.</summary>
public sealed class PlicTests
{
    private const ulong Pending = 0x1000, Enable = 0x2000, Context = 0x20_0000;

    /// <summary>A PLIC with the hart lines it drives recorded.</summary>
    private sealed class Rig
    {
        public readonly Dictionary<(int Hart, int Irq), bool> Lines = [];
        public readonly List<(int Hart, int Irq, bool Level)> Changes = [];
        public readonly Plic Plic;

        public Rig(int harts = 1, int sources = 96) =>
            Plic = new Plic(harts, sources, (h, irq, level) => { Lines[(h, irq)] = level; Changes.Add((h, irq, level)); });

        public bool Line(int hart, int irq) => Lines.GetValueOrDefault((hart, irq));

        public void Priority(int source, uint p) => Assert.True(Plic.Write((ulong)source * 4, 4, p));
        public void EnableSources(int context, params int[] sources)
        {
            foreach (var s in sources)
            {
                var word = Enable + 0x80 * (ulong)context + (ulong)(s / 32) * 4;
                Plic.Read(word, 4, out var bits);
                Plic.Write(word, 4, bits | 1UL << (s % 32));
            }
        }
        public void DisableSource(int context, int s)
        {
            var word = Enable + 0x80 * (ulong)context + (ulong)(s / 32) * 4;
            Plic.Read(word, 4, out var bits);
            Plic.Write(word, 4, bits & ~(1UL << (s % 32)));
        }
        public void Threshold(int context, uint t) => Plic.Write(Context + 0x1000 * (ulong)context, 4, t);
        public int Claim(int context)
        {
            Assert.True(Plic.Read(Context + 0x1000 * (ulong)context + 4, 4, out var v));
            return (int)v;
        }
        public void Complete(int context, int source) => Plic.Write(Context + 0x1000 * (ulong)context + 4, 4, (ulong)source);
        public bool IsPending(int source)
        {
            Plic.Read(Pending + (ulong)(source / 32) * 4, 4, out var bits);
            return (bits >> (source % 32) & 1) != 0;
        }
    }

    [Fact]
    public void APendingEnabledSourceAbovePriorityZeroRaisesMachineExternal()
    {
        var r = new Rig();
        r.EnableSources(0, 5);
        r.Plic.SetLine(5, true);
        Assert.True(r.IsPending(5));
        Assert.False(r.Line(0, Interrupt.MachineExternal)); // priority 0 never interrupts
        r.Priority(5, 1);
        Assert.True(r.Line(0, Interrupt.MachineExternal));
    }

    [Fact]
    public void ThresholdMasksPrioritiesAtOrBelowIt()
    {
        var r = new Rig();
        r.EnableSources(0, 5);
        r.Priority(5, 3);
        r.Threshold(0, 3);
        r.Plic.SetLine(5, true);
        Assert.False(r.Line(0, Interrupt.MachineExternal));
        Assert.Equal(0, r.Claim(0));
        r.Threshold(0, 2);
        Assert.True(r.Line(0, Interrupt.MachineExternal));
    }

    [Fact]
    public void ClaimReturnsTheHighestPriorityThenTheLowestId()
    {
        var r = new Rig();
        r.EnableSources(0, 3, 5, 7, 40);
        r.Priority(3, 2);
        r.Priority(5, 6);
        r.Priority(7, 6);
        r.Priority(40, 7);
        foreach (var s in new[] { 3, 5, 7 }) r.Plic.SetLine(s, true);
        Assert.Equal(5, r.Claim(0));
        Assert.Equal(7, r.Claim(0));
        r.Plic.SetLine(40, true); // a source in the second 32-bit word
        Assert.Equal(40, r.Claim(0));
        Assert.Equal(3, r.Claim(0));
        Assert.Equal(0, r.Claim(0));
        Assert.False(r.Line(0, Interrupt.MachineExternal));
    }

    [Fact]
    public void AClaimedSourceIsNotPendingUntilCompleted()
    {
        var r = new Rig();
        r.EnableSources(0, 9);
        r.Priority(9, 1);
        r.Plic.SetLine(9, true);
        Assert.Equal(9, r.Claim(0));
        Assert.False(r.IsPending(9));
        Assert.False(r.Line(0, Interrupt.MachineExternal));
        r.Plic.SetLine(9, false);
        r.Plic.SetLine(9, true); // a new edge while claimed: still not pending
        Assert.False(r.IsPending(9));
        Assert.Equal(0, r.Claim(0));
        r.Complete(0, 9);
        Assert.True(r.IsPending(9)); // the line is still high: pending again
        Assert.True(r.Line(0, Interrupt.MachineExternal));
    }

    [Fact]
    public void ALineThatDroppedBeforeCompletionStaysQuiet()
    {
        var r = new Rig();
        r.EnableSources(0, 9);
        r.Priority(9, 1);
        r.Plic.SetLine(9, true);
        Assert.Equal(9, r.Claim(0));
        r.Plic.SetLine(9, false);
        r.Complete(0, 9);
        Assert.False(r.IsPending(9));
        Assert.False(r.Line(0, Interrupt.MachineExternal));
    }

    [Fact]
    public void CompletingASourceNotEnabledInTheContextIsIgnored()
    {
        var r = new Rig(harts: 1);
        r.EnableSources(0, 9);
        r.Priority(9, 1);
        r.Plic.SetLine(9, true);
        Assert.Equal(9, r.Claim(0));
        r.Complete(1, 9); // context 1 (S-mode) does not have source 9 enabled
        Assert.False(r.IsPending(9));
        r.DisableSource(0, 9);
        r.Complete(0, 9); // nor, now, does context 0
        Assert.False(r.IsPending(9));
        r.EnableSources(0, 9);
        r.Complete(0, 9);
        Assert.True(r.IsPending(9));
    }

    [Fact]
    public void ContextsMapToHartsAndPrivileges()
    {
        // Context 2h is hart h's M-mode (MEIP), 2h+1 its S-mode (SEIP).
        var r = new Rig(harts: 2);
        r.Priority(4, 1);
        r.Plic.SetLine(4, true);
        foreach (var (context, hart, irq) in new[] { (0, 0, 11), (1, 0, 9), (2, 1, 11), (3, 1, 9) })
        {
            r.Changes.Clear();
            r.EnableSources(context, 4);
            Assert.Equal([(hart, irq, true)], r.Changes);
            r.Changes.Clear();
            r.DisableSource(context, 4);
            Assert.Equal([(hart, irq, false)], r.Changes);
        }
    }

    [Fact]
    public void OneClaimServesEveryContextThatHadTheSourceEnabled()
    {
        var r = new Rig(harts: 2);
        r.Priority(4, 1);
        r.EnableSources(1, 4);
        r.EnableSources(3, 4);
        r.Plic.SetLine(4, true);
        Assert.True(r.Line(0, Interrupt.SupervisorExternal) && r.Line(1, Interrupt.SupervisorExternal));
        Assert.Equal(4, r.Claim(3));
        Assert.False(r.Line(0, Interrupt.SupervisorExternal));
        Assert.False(r.Line(1, Interrupt.SupervisorExternal));
        Assert.Equal(0, r.Claim(1)); // the other hart lost the race
    }

    [Fact]
    public void RegistersHoldWhatTheSpecAllows()
    {
        var r = new Rig();
        r.Priority(5, 100);
        Assert.True(r.Plic.Read(5 * 4, 4, out var p));
        Assert.Equal(7ul, p); // priorities are capped
        r.Priority(0, 3);
        Assert.True(r.Plic.Read(0, 4, out var p0));
        Assert.Equal(0ul, p0); // source 0 does not exist
        r.Plic.Write(Enable, 4, 0xffff_ffff);
        Assert.True(r.Plic.Read(Enable, 4, out var e));
        Assert.Equal(0xffff_fffeul, e); // nor can it be enabled
        r.Plic.Write(Pending, 4, 0xffff_ffff);
        Assert.False(r.IsPending(3)); // pending bits are read-only
        Assert.True(r.Plic.Read(5 * 4, 1, out var narrow));
        Assert.Equal(0ul, narrow); // only 32-bit accesses do anything
        Assert.True(r.Plic.Read(Context + 0x1000 * 50, 4, out var beyond)); // a context that does not exist reads zero
        Assert.Equal(0ul, beyond);
    }

    [Fact]
    public void SourcesOutsideTheRangeAreAHostError()
    {
        var r = new Rig(sources: 32);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Plic.SetLine(0, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Plic.SetLine(32, true));
    }
}
