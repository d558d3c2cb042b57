using Nido.Cpu.RiscV.Mmu;

namespace Nido.Cpu.RiscV;

/// <summary>
/// Physical memory protection: 16 entries (OFF, TOR, NA4, NAPOT; R/W/X; L). Checked where a translation is
/// filled into a TLB or the fetch page: a whole page that one entry allows is cached as before; a page that entries
/// split is checked on every access instead. The lowest-numbered entry that matches any byte decides, and must
/// cover the whole access; with no match M-mode succeeds and S/U-mode fail (OpenSBI relies on this to fence
/// itself off from the kernel).
/// </summary>
public sealed partial class Hart
{
    private const byte PmpR = 1, PmpW = 2, PmpX = 4, PmpLock = 0x80;
    private bool _pmpEnabled, _pmpLocked;
    // The active entries in priority order, decoded once per CSR write: every page walk and TLB fill checks them.
    private readonly (ulong Lo, ulong Hi, byte Cfg)[] _pmpActive = new (ulong, ulong, byte)[PmpEntries];
    private int _pmpActiveCount;

    /// <summary>After a pmpcfg/pmpaddr write: recompute the shortcuts and drop every cached permission.</summary>
    private void PmpChanged()
    {
        _pmpEnabled = _pmpLocked = false;
        _pmpActiveCount = 0;
        for (var i = 0; i < PmpEntries; i++)
        {
            var cfg = _pmpcfg[i];
            if (((cfg >> 3) & 3) == 0) continue;
            _pmpEnabled = true;
            if ((cfg & PmpLock) != 0) _pmpLocked = true;
            if (PmpRange(i, cfg, out var lo, out var hi)) _pmpActive[_pmpActiveCount++] = (lo, hi, cfg);
        }
        FlushTlb();
    }

    private bool PmpAllows(ulong pa, ulong size, Access access, PrivilegeMode mode)
    {
        if (mode == PrivilegeMode.Machine && !_pmpLocked) return true;
        var end = pa + size;
        for (var i = 0; i < _pmpActiveCount; i++)
        {
            var (lo, hi, cfg) = _pmpActive[i];
            if (end <= lo || pa >= hi) continue;
            if (pa < lo || end > hi) return false; // matches only part of the access
            if (mode == PrivilegeMode.Machine && (cfg & PmpLock) == 0) return true;
            var needed = access switch { Access.Read => PmpR, Access.Write => PmpW, _ => PmpX };
            return (cfg & needed) != 0;
        }
        return mode == PrivilegeMode.Machine;
    }

    /// <summary>[lo, hi) of entry <paramref name="i"/>; false when it is off or empty.</summary>
    private bool PmpRange(int i, byte cfg, out ulong lo, out ulong hi)
    {
        lo = hi = 0;
        var address = _pmpaddr[i];
        switch ((cfg >> 3) & 3)
        {
            case 1: // TOR
                lo = i == 0 ? 0 : _pmpaddr[i - 1] << 2;
                hi = address << 2;
                return hi > lo;
            case 2: // NA4
                lo = address << 2;
                hi = lo + 4;
                return true;
            case 3: // NAPOT: trailing ones give the size
                var ones = System.Numerics.BitOperations.TrailingZeroCount(~address);
                if (ones >= 54)
                {
                    hi = ulong.MaxValue;
                    return true;
                }
                var size = 8UL << ones;
                lo = (address << 2) & ~(size - 1);
                hi = lo + size;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether pmpaddr i may be written: not when it or a TOR entry above it is locked.</summary>
    private bool PmpAddressWritable(int i) =>
        (_pmpcfg[i] & PmpLock) == 0 && !(i + 1 < PmpEntries && (_pmpcfg[i + 1] & PmpLock) != 0 && ((_pmpcfg[i + 1] >> 3) & 3) == 1);
}
