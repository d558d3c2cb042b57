using System.Diagnostics;
using Nido.Cpu.RiscV;

namespace Nido.Hypervisor.Emu;

/// <summary>
/// The core-local interruptor (SiFive CLINT layout): msip per hart at 0x0, mtimecmp per hart at 0x4000, mtime at
/// 0xbff8. mtime counts host monotonic time at the platform's timebase; MTIP is a level the vCPU loop refreshes.
/// </summary>
public sealed class Clint : IHartClock
{
    private const ulong MsipBase = 0x0, MtimecmpBase = 0x4000, MtimeOffset = 0xbff8;

    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly ulong _hz;
    private readonly ulong[] _mtimecmp;
    private readonly uint[] _msip;
    private readonly Action<int, int, bool> _setPending;
    private long _timeOffset;

    /// <param name="setPending">Drives an interrupt bit of a hart (hart, interrupt number, level).</param>
    public Clint(int harts, ulong timebaseHz, Action<int, int, bool> setPending)
    {
        _hz = timebaseHz;
        _mtimecmp = new ulong[harts];
        Array.Fill(_mtimecmp, ulong.MaxValue);
        _msip = new uint[harts];
        _setPending = setPending;
    }

    /// <summary>mtime.</summary>
    public ulong Now
    {
        get
        {
            var ticks = (ulong)(Stopwatch.GetTimestamp() - _start);
            return (ulong)((UInt128)ticks * _hz / (ulong)Stopwatch.Frequency) + (ulong)Volatile.Read(ref _timeOffset);
        }
    }

    public ulong Mtimecmp(int hart) => Volatile.Read(ref _mtimecmp[hart]);

    /// <summary>Sets MTIP of <paramref name="hart"/> from mtime ≥ mtimecmp; returns host ticks until it would fire (or -1).</summary>
    public long RefreshTimer(int hart)
    {
        var now = Now;
        var compare = Mtimecmp(hart);
        var due = now >= compare;
        _setPending(hart, Interrupt.MachineTimer, due);
        if (due || compare == ulong.MaxValue) return -1;
        return (long)Math.Min((ulong)(compare - now) * (ulong)Stopwatch.Frequency / _hz + 1, (ulong)long.MaxValue / 2);
    }

    public bool Read(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (offset >= MtimecmpBase && offset < MtimecmpBase + 8 * (ulong)_mtimecmp.Length)
        {
            value = Window(Mtimecmp((int)((offset - MtimecmpBase) / 8)), offset & 7, size);
            return true;
        }
        if (offset >= MtimeOffset && offset < MtimeOffset + 8)
        {
            value = Window(Now, offset & 7, size);
            return true;
        }
        if (offset < MsipBase + 4 * (ulong)_msip.Length)
        {
            value = Window(Volatile.Read(ref _msip[offset / 4]), offset & 3, size);
            return true;
        }
        return true; // reserved space reads as zero
    }

    public bool Write(ulong offset, int size, ulong value)
    {
        if (offset >= MtimecmpBase && offset < MtimecmpBase + 8 * (ulong)_mtimecmp.Length)
        {
            var hart = (int)((offset - MtimecmpBase) / 8);
            Volatile.Write(ref _mtimecmp[hart], Merge(Mtimecmp(hart), offset & 7, size, value));
            RefreshTimer(hart);
        }
        else if (offset >= MtimeOffset && offset < MtimeOffset + 8)
        {
            var wanted = Merge(Now, offset & 7, size, value);
            Interlocked.Add(ref _timeOffset, (long)(wanted - Now));
            for (var h = 0; h < _mtimecmp.Length; h++) RefreshTimer(h);
        }
        else if (offset < MsipBase + 4 * (ulong)_msip.Length && (offset & 3) == 0)
        {
            var hart = (int)(offset / 4);
            Volatile.Write(ref _msip[hart], (uint)value & 1);
            _setPending(hart, Interrupt.MachineSoftware, (value & 1) != 0);
        }
        return true;
    }

    private static ulong Window(ulong register, ulong byteOffset, int size)
    {
        var shifted = register >> (int)(8 * byteOffset);
        return size == 8 ? shifted : shifted & ((1UL << (8 * size)) - 1);
    }

    private static ulong Merge(ulong register, ulong byteOffset, int size, ulong value)
    {
        var shift = (int)(8 * byteOffset);
        var mask = (size == 8 ? ulong.MaxValue : (1UL << (8 * size)) - 1) << shift;
        return (register & ~mask) | ((value << shift) & mask);
    }
}
