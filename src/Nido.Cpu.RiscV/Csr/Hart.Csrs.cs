using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Float;

namespace Nido.Cpu.RiscV;

/// <summary>
/// The CSR file: access checks (privilege in address bits 9:8, read-only in 11:10, counter enables, TVM, FS)
/// and each register's WARL behaviour.
/// </summary>
public sealed partial class Hart
{
    /// <summary>misa: RV64 (MXL=2) with A, C, D, F, I, M, S, U.</summary>
    public const ulong Misa = (2UL << 62) | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20);

    private const ulong MedelegWritable = 0xb3ff; // all synchronous causes but ecall-from-M and the reserved 10, 14
    private const ulong MidelegWritable = Interrupt.SupervisorMask;
    private const ulong MieWritable = Interrupt.SupervisorMask | Interrupt.MachineMask;
    private const int PmpEntries = 16;

    private ulong _mstatus = MStatus.XlFixed;
    private ulong _mscratch, _sscratch, _menvcfg, _senvcfg, _mcountinhibit;
    private uint _mcounteren, _scounteren;
    private ulong _instret, _instretOffset, _cycleOffset;
    private readonly byte[] _pmpcfg = new byte[PmpEntries];
    private readonly ulong[] _pmpaddr = new ulong[PmpEntries];

    private FpFlags _fflags;
    private RoundingMode _frm;

    /// <summary>Instructions retired before the current one (which was counted as it was fetched).</summary>
    private ulong RetiredBefore => _instret - 1;

    private ulong MstatusValue => (_mstatus & MStatus.Fs) == MStatus.FsDirty ? _mstatus | MStatus.Sd : _mstatus;

    /// <summary>Reads a CSR as a CSR instruction at the current privilege would; false means illegal instruction.</summary>
    internal bool TryReadCsr(ushort csr, out ulong value)
    {
        value = 0;
        if (((csr >> 8) & 3) > (int)Mode) return false;
        switch (csr)
        {
            case CsrAddress.Fflags: if (!FpEnabled) return false; value = (ulong)_fflags; return true;
            case CsrAddress.Frm: if (!FpEnabled) return false; value = (ulong)_frm; return true;
            case CsrAddress.Fcsr: if (!FpEnabled) return false; value = (ulong)_fflags | ((ulong)_frm << 5); return true;
            case >= CsrAddress.Cycle and <= CsrAddress.HpmCounter31:
                if (!CounterEnabled(csr - CsrAddress.Cycle)) return false;
                value = csr switch
                {
                    CsrAddress.Cycle => RetiredBefore + _cycleOffset,
                    CsrAddress.Time => _clock.Now,
                    CsrAddress.Instret => RetiredBefore + _instretOffset,
                    _ => 0,
                };
                return true;
            case CsrAddress.Sstatus: value = MstatusValue & MStatus.SstatusMask; return true;
            case CsrAddress.Sie: value = _mie & _mideleg; return true;
            case CsrAddress.Stvec: value = _stvec; return true;
            case CsrAddress.Scounteren: value = _scounteren; return true;
            case CsrAddress.Senvcfg: value = _senvcfg; return true;
            case CsrAddress.Sscratch: value = _sscratch; return true;
            case CsrAddress.Sepc: value = _sepc; return true;
            case CsrAddress.Scause: value = _scause; return true;
            case CsrAddress.Stval: value = _stval; return true;
            case CsrAddress.Sip: value = Mip & _mideleg; return true;
            case CsrAddress.Satp:
                if (Mode == PrivilegeMode.Supervisor && (_mstatus & MStatus.Tvm) != 0) return false;
                value = _satp;
                return true;
            case CsrAddress.Mvendorid or CsrAddress.Marchid or CsrAddress.Mimpid or CsrAddress.Mconfigptr: return true;
            case CsrAddress.Mhartid: value = (ulong)HartId; return true;
            case CsrAddress.Mstatus: value = MstatusValue; return true;
            case CsrAddress.Misa: value = Misa; return true;
            case CsrAddress.Medeleg: value = _medeleg; return true;
            case CsrAddress.Mideleg: value = _mideleg; return true;
            case CsrAddress.Mie: value = _mie; return true;
            case CsrAddress.Mtvec: value = _mtvec; return true;
            case CsrAddress.Mcounteren: value = _mcounteren; return true;
            case CsrAddress.Menvcfg: value = _menvcfg; return true;
            case CsrAddress.Mcountinhibit: value = _mcountinhibit; return true;
            case >= CsrAddress.MhpmEvent3 and <= CsrAddress.MhpmEvent31: return true;
            case CsrAddress.Mscratch: value = _mscratch; return true;
            case CsrAddress.Mepc: value = _mepc; return true;
            case CsrAddress.Mcause: value = _mcause; return true;
            case CsrAddress.Mtval: value = _mtval; return true;
            case CsrAddress.Mip: value = Mip; return true;
            case >= CsrAddress.Pmpcfg0 and <= CsrAddress.Pmpcfg15:
                if ((csr & 1) != 0) return false; // RV64 has only the even pmpcfg registers
                var first = (csr - CsrAddress.Pmpcfg0) * 4;
                for (var i = 0; i < 8 && first + i < PmpEntries; i++) value |= (ulong)_pmpcfg[first + i] << (8 * i);
                return true;
            case >= CsrAddress.Pmpaddr0 and <= CsrAddress.Pmpaddr63:
                var index = csr - CsrAddress.Pmpaddr0;
                value = index < PmpEntries ? _pmpaddr[index] : 0;
                return true;
            case CsrAddress.Mcycle: value = RetiredBefore + _cycleOffset; return true;
            case CsrAddress.Minstret: value = RetiredBefore + _instretOffset; return true;
            // No triggers (Sdtrig with none): tselect stays 0, tdata1 says "no trigger here" (type 0), tinfo that
            // only type 0 exists. Software that probes for triggers (riscv-tests, OpenSBI's Sdtrig support) finds none.
            case CsrAddress.Tselect or CsrAddress.Tdata1 or CsrAddress.Tdata2 or CsrAddress.Tdata3: return true;
            case CsrAddress.Tinfo: value = 1; return true;
            case >= CsrAddress.MhpmCounter3 and <= CsrAddress.MhpmCounter31: return true;
            default: return false;
        }
    }

    /// <summary>Writes a CSR (after <see cref="TryReadCsr"/> allowed the access); false means illegal instruction.</summary>
    internal bool TryWriteCsr(ushort csr, ulong value)
    {
        if ((csr >> 10) == 3) return false; // read-only space
        switch (csr)
        {
            case CsrAddress.Fflags: _fflags = (FpFlags)(value & 0x1f); DirtyFp(); return true;
            case CsrAddress.Frm: _frm = (RoundingMode)(value & 7); DirtyFp(); return true;
            case CsrAddress.Fcsr: _fflags = (FpFlags)(value & 0x1f); _frm = (RoundingMode)((value >> 5) & 7); DirtyFp(); return true;
            case CsrAddress.Sstatus:
                WriteMstatus((_mstatus & ~MStatus.SstatusWritable) | (value & MStatus.SstatusWritable));
                return true;
            case CsrAddress.Sie: _mie = (_mie & ~_mideleg) | (value & _mideleg); Attention(); return true;
            case CsrAddress.Stvec: _stvec = LegalTvec(value); return true;
            case CsrAddress.Scounteren: _scounteren = (uint)value; return true;
            case CsrAddress.Senvcfg: _senvcfg = value & 1; return true;
            case CsrAddress.Sscratch: _sscratch = value; return true;
            case CsrAddress.Sepc: _sepc = value & ~1UL; return true;
            case CsrAddress.Scause: _scause = value; return true;
            case CsrAddress.Stval: _stval = value; return true;
            case CsrAddress.Sip:
                var sw = _mideleg & (1UL << Interrupt.SupervisorSoftware);
                _mipSoftware = (_mipSoftware & ~sw) | (value & sw);
                Attention();
                return true;
            case CsrAddress.Satp: WriteSatp(value); return true;
            case CsrAddress.Mstatus: WriteMstatus(value); return true;
            case CsrAddress.Misa: return true; // fixed
            case CsrAddress.Medeleg: _medeleg = value & MedelegWritable; return true;
            case CsrAddress.Mideleg: _mideleg = value & MidelegWritable; Attention(); return true;
            case CsrAddress.Mie: _mie = value & MieWritable; Attention(); return true;
            case CsrAddress.Mtvec: _mtvec = LegalTvec(value); return true;
            case CsrAddress.Mcounteren: _mcounteren = (uint)value; return true;
            case CsrAddress.Menvcfg: _menvcfg = value & 1; return true;
            case CsrAddress.Mcountinhibit: _mcountinhibit = value & 0xffff_fffd; return true;
            case >= CsrAddress.MhpmEvent3 and <= CsrAddress.MhpmEvent31: return true;
            case CsrAddress.Mscratch: _mscratch = value; return true;
            case CsrAddress.Mepc: _mepc = value & ~1UL; return true;
            case CsrAddress.Mcause: _mcause = value; return true;
            case CsrAddress.Mtval: _mtval = value; return true;
            case CsrAddress.Mip:
                const ulong writable = Interrupt.SupervisorMask;
                _mipSoftware = (_mipSoftware & ~writable) | (value & writable);
                Attention();
                return true;
            case >= CsrAddress.Pmpcfg0 and <= CsrAddress.Pmpcfg15:
                var first = (csr - CsrAddress.Pmpcfg0) * 4;
                for (var i = 0; i < 8 && first + i < PmpEntries; i++)
                {
                    if ((_pmpcfg[first + i] & 0x80) != 0) continue; // locked
                    var cfg = (byte)(value >> (8 * i));
                    if ((cfg & 3) == 2) cfg &= 0xfc; // W without R is reserved
                    _pmpcfg[first + i] = (byte)(cfg & 0x9f);
                }
                PmpChanged();
                return true;
            case >= CsrAddress.Pmpaddr0 and <= CsrAddress.Pmpaddr63:
                var index = csr - CsrAddress.Pmpaddr0;
                if (index < PmpEntries && PmpAddressWritable(index))
                {
                    _pmpaddr[index] = value & ((1UL << 54) - 1);
                    PmpChanged();
                }
                return true;
            // minstret: the writing instruction's own increment is suppressed, so the next one reads the value written.
            // mcycle: a cycle passes during the write, as on hardware (the next read is one more than written).
            case CsrAddress.Mcycle: _cycleOffset = value - _instret + 1; return true;
            case CsrAddress.Minstret: _instretOffset = value - _instret; return true;
            case CsrAddress.Tselect or CsrAddress.Tdata1 or CsrAddress.Tdata2 or CsrAddress.Tdata3 or CsrAddress.Tinfo: return true;
            case >= CsrAddress.MhpmCounter3 and <= CsrAddress.MhpmCounter31: return true;
            default: return false;
        }
    }

    private bool FpEnabled => (_mstatus & MStatus.Fs) != 0;

    private void DirtyFp() => _mstatus |= MStatus.FsDirty;

    private void Attention() => Volatile.Write(ref _attention, 1);

    private bool CounterEnabled(int counter)
    {
        var bit = 1u << counter;
        if (Mode < PrivilegeMode.Machine && (_mcounteren & bit) == 0) return false;
        if (Mode == PrivilegeMode.User && (_scounteren & bit) == 0) return false;
        return true;
    }

    private static ulong LegalTvec(ulong value) => (value & 3) >= 2 ? value & ~3UL : value;

    private void WriteMstatus(ulong value)
    {
        var old = _mstatus;
        var next = (old & ~MStatus.Writable) | (value & MStatus.Writable);
        if (((next >> MStatus.MppShift) & 3) == 2) next &= ~MStatus.Mpp; // reserved MPP reads as U
        _mstatus = next;
        if (((old ^ next) & MStatus.Mxr) != 0) FlushTlb();
        if (((old ^ next) & (MStatus.Mprv | MStatus.Mpp | MStatus.Sum)) != 0) UpdateMmuContext();
        Attention();
    }

    private void WriteSatp(ulong value)
    {
        var mode = value >> 60;
        if (mode is not (0 or 8 or 9)) return; // unsupported modes leave satp as it was
        // 16 ASID bits, 44 PPN bits.
        _satp = value & ((0xfUL << 60) | (0xffffUL << 44) | Mmu.Pte.PpnMask);
        FlushTlb();
    }
}
