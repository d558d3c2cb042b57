using Nido.Cpu.RiscV;

namespace Nido.Hypervisor.Emu;

/// <summary>
/// The platform-level interrupt controller (SiFive PLIC register map, as QEMU virt and Linux's riscv,plic0 driver
/// use it): per-source priority, pending bits, per-context enables, threshold and claim/complete. Context 2h is
/// hart h's M-mode, 2h+1 its S-mode. Sources are level-triggered: a claimed source becomes pending again on
/// completion if its line is still high.
/// </summary>
public sealed class Plic
{
    private const ulong PendingBase = 0x1000, EnableBase = 0x2000, EnableStride = 0x80, ContextBase = 0x20_0000, ContextStride = 0x1000;
    private const uint MaxPriority = 7;

    private readonly object _lock = new();
    private readonly int _sources;
    private readonly int _contexts;
    private readonly uint[] _priority;
    private readonly ulong[] _level;
    private readonly ulong[] _pending;
    private readonly ulong[] _claimed;
    private readonly ulong[][] _enable;
    private readonly uint[] _threshold;
    private readonly bool[] _output;
    private readonly Action<int, int, bool> _setPending;

    /// <param name="sources">Number of source ids including the reserved source 0.</param>
    /// <param name="setPending">Drives an interrupt bit of a hart (hart, interrupt number, level).</param>
    public Plic(int harts, int sources, Action<int, int, bool> setPending)
    {
        _sources = sources;
        _contexts = 2 * harts;
        var words = (sources + 63) / 64;
        _priority = new uint[sources];
        _level = new ulong[words];
        _pending = new ulong[words];
        _claimed = new ulong[words];
        _enable = [.. Enumerable.Range(0, _contexts).Select(_ => new ulong[words])];
        _threshold = new uint[_contexts];
        _output = new bool[_contexts];
        _setPending = setPending;
    }

    public int Sources => _sources;

    /// <summary>Drives source <paramref name="source"/>'s line (1 ≤ source &lt; Sources); any thread.</summary>
    public void SetLine(int source, bool high)
    {
        if (source <= 0 || source >= _sources) throw new ArgumentOutOfRangeException(nameof(source), $"PLIC source {source} is outside 1–{_sources - 1}");
        lock (_lock)
        {
            var (w, bit) = (source / 64, 1UL << (source % 64));
            if (high)
            {
                _level[w] |= bit;
                if ((_claimed[w] & bit) == 0) _pending[w] |= bit;
            }
            else
            {
                _level[w] &= ~bit;
                _pending[w] &= ~bit;
            }
            Update();
        }
    }

    public bool Read(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (size != 4) return true; // 32-bit registers only
        lock (_lock)
        {
            if (offset < PendingBase)
            {
                var source = (int)(offset / 4);
                if (source < _sources) value = _priority[source];
            }
            else if (offset < EnableBase)
                value = Word(_pending, (int)((offset - PendingBase) / 4));
            else if (offset < ContextBase)
            {
                var context = (int)((offset - EnableBase) / EnableStride);
                if (context < _contexts) value = Word(_enable[context], (int)((offset - EnableBase) % EnableStride / 4));
            }
            else
            {
                var context = (int)((offset - ContextBase) / ContextStride);
                if (context >= _contexts) return true;
                switch ((offset - ContextBase) % ContextStride)
                {
                    case 0: value = _threshold[context]; break;
                    case 4: value = (ulong)Claim(context); break;
                }
            }
        }
        return true;
    }

    public bool Write(ulong offset, int size, ulong value)
    {
        if (size != 4) return true;
        lock (_lock)
        {
            if (offset < PendingBase)
            {
                var source = (int)(offset / 4);
                if (source > 0 && source < _sources) _priority[source] = Math.Min((uint)value, MaxPriority);
            }
            else if (offset < EnableBase) { } // pending bits are read-only
            else if (offset < ContextBase)
            {
                var context = (int)((offset - EnableBase) / EnableStride);
                var word = (int)((offset - EnableBase) % EnableStride / 4);
                if (context < _contexts && word < _enable[context].Length * 2)
                {
                    var v = (uint)value;
                    if (word == 0) v &= ~1u; // source 0 does not exist
                    SetWord(_enable[context], word, v);
                }
            }
            else
            {
                var context = (int)((offset - ContextBase) / ContextStride);
                if (context >= _contexts) return true;
                switch ((offset - ContextBase) % ContextStride)
                {
                    case 0: _threshold[context] = Math.Min((uint)value, MaxPriority); break;
                    case 4: Complete(context, (int)(uint)value); break;
                }
            }
            Update();
        }
        return true;
    }

    /// <summary>The best pending, enabled source above the context's threshold, or 0.</summary>
    private int Best(int context)
    {
        int best = 0;
        uint bestPriority = _threshold[context];
        for (var s = 1; s < _sources; s++)
        {
            var (w, bit) = (s / 64, 1UL << (s % 64));
            if ((_pending[w] & _enable[context][w] & bit) != 0 && _priority[s] > bestPriority)
            {
                best = s;
                bestPriority = _priority[s];
            }
        }
        return best;
    }

    private int Claim(int context)
    {
        var source = Best(context);
        if (source != 0)
        {
            var (w, bit) = (source / 64, 1UL << (source % 64));
            _pending[w] &= ~bit;
            _claimed[w] |= bit;
        }
        Update();
        return source;
    }

    private void Complete(int context, int source)
    {
        if (source <= 0 || source >= _sources) return;
        var (w, bit) = (source / 64, 1UL << (source % 64));
        if ((_enable[context][w] & bit) == 0) return; // the spec ignores completions for sources not enabled here
        _claimed[w] &= ~bit;
        if ((_level[w] & bit) != 0) _pending[w] |= bit;
    }

    private void Update()
    {
        for (var c = 0; c < _contexts; c++)
        {
            var on = Best(c) != 0;
            if (on == _output[c]) continue;
            _output[c] = on;
            _setPending(c / 2, c % 2 == 0 ? Interrupt.MachineExternal : Interrupt.SupervisorExternal, on);
        }
    }

    private static ulong Word(ulong[] bits, int word32) =>
        word32 / 2 < bits.Length ? (bits[word32 / 2] >> (32 * (word32 % 2))) & 0xffff_ffff : 0;

    private static void SetWord(ulong[] bits, int word32, uint value)
    {
        if (word32 / 2 >= bits.Length) return;
        var shift = 32 * (word32 % 2);
        bits[word32 / 2] = (bits[word32 / 2] & ~(0xffff_ffffUL << shift)) | ((ulong)value << shift);
    }
}
