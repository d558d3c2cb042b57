using Nido.Cpu.RiscV.Csr;

namespace Nido.Cpu.RiscV;

/// <summary>Trap entry and return: delegation to S-mode, xtvec vectoring, interrupt priority and enables.</summary>
public sealed partial class Hart
{
    private ulong _medeleg, _mideleg, _mie, _mtvec, _stvec, _mepc, _sepc, _mcause, _scause, _mtval, _stval;
    // mip bits written by software (SSIP, STIP, SEIP) and those driven by devices (CLINT, PLIC), kept apart so
    // a device lowering its line does not clear what software set, and the reverse.
    private ulong _mipSoftware;
    private long _mipLines;

    /// <summary>Pending interrupts as mip reads them.</summary>
    private ulong Mip => _mipSoftware | (ulong)Volatile.Read(ref _mipLines);

    /// <summary>
    /// Drives an interrupt input from a device (MSIP/MTIP from the CLINT, MEIP/SEIP from the PLIC); any thread.
    /// </summary>
    public void SetInterruptPending(int interrupt, bool pending)
    {
        var bit = 1L << interrupt;
        if (pending) Interlocked.Or(ref _mipLines, bit);
        else Interlocked.And(ref _mipLines, ~bit);
        Volatile.Write(ref _attention, 1);
    }

    /// <summary>True when an interrupt is pending and enabled in mie (what ends a WFI, whatever the global enables).</summary>
    public bool InterruptWaiting => (Mip & _mie) != 0;

    /// <summary>Takes a synchronous exception at the current Pc.</summary>
    private void RaiseException(ExceptionCause cause, ulong tval) => TakeTrap((ulong)cause, tval, interrupt: false);

    private void RaiseIllegal(in Decoder.Instruction ins) => RaiseException(ExceptionCause.IllegalInstruction, ins.Raw);

    /// <summary>The highest-priority interrupt that is pending, enabled and allowed at the current privilege, if any.</summary>
    private void TakePendingInterrupt()
    {
        var pending = Mip & _mie;
        if (pending == 0) return;
        var machineEnabled = Mode < PrivilegeMode.Machine || (_mstatus & MStatus.Mie) != 0;
        var supervisorEnabled = Mode < PrivilegeMode.Supervisor || (Mode == PrivilegeMode.Supervisor && (_mstatus & MStatus.Sie) != 0);
        // Interrupts for M-mode come before delegated ones; within each, the spec's priority order.
        foreach (var takeable in (ReadOnlySpan<ulong>)[machineEnabled ? pending & ~_mideleg : 0, supervisorEnabled ? pending & _mideleg : 0])
        {
            if (takeable == 0) continue;
            foreach (var irq in Interrupt.Priority)
            {
                if ((takeable & (1UL << irq)) == 0) continue;
                TakeTrap(irq, 0, interrupt: true);
                return;
            }
        }
    }

    private void TakeTrap(ulong cause, ulong tval, bool interrupt)
    {
        JitFault = true;
        _reservationValid = false;
        var delegated = Mode <= PrivilegeMode.Supervisor && (((interrupt ? _mideleg : _medeleg) >> (int)cause) & 1) != 0;
        var causeValue = cause | (interrupt ? 1UL << 63 : 0);
        if (delegated)
        {
            _scause = causeValue;
            _sepc = Pc;
            _stval = tval;
            var s = _mstatus & ~(MStatus.Spp | MStatus.Spie | MStatus.Sie);
            if (Mode == PrivilegeMode.Supervisor) s |= MStatus.Spp;
            if ((_mstatus & MStatus.Sie) != 0) s |= MStatus.Spie;
            _mstatus = s;
            Pc = Vector(_stvec, cause, interrupt);
            SetMode(PrivilegeMode.Supervisor);
        }
        else
        {
            _mcause = causeValue;
            _mepc = Pc;
            _mtval = tval;
            var s = _mstatus & ~(MStatus.Mpp | MStatus.Mpie | MStatus.Mie);
            s |= (ulong)Mode << MStatus.MppShift;
            if ((_mstatus & MStatus.Mie) != 0) s |= MStatus.Mpie;
            _mstatus = s;
            Pc = Vector(_mtvec, cause, interrupt);
            SetMode(PrivilegeMode.Machine);
        }
    }

    private static ulong Vector(ulong tvec, ulong cause, bool interrupt) =>
        (tvec & ~3UL) + ((tvec & 3) == 1 && interrupt ? 4 * cause : 0);

    private void SetMode(PrivilegeMode mode)
    {
        Mode = mode;
        UpdateMmuContext();
        Volatile.Write(ref _attention, 1);
    }

    private void ReturnFromMachine()
    {
        var target = (PrivilegeMode)((_mstatus >> MStatus.MppShift) & 3);
        var s = _mstatus & ~(MStatus.Mie | MStatus.Mpp);
        if ((_mstatus & MStatus.Mpie) != 0) s |= MStatus.Mie;
        s |= MStatus.Mpie;
        if (target != PrivilegeMode.Machine) s &= ~MStatus.Mprv;
        _mstatus = s;
        _reservationValid = false;
        Pc = _mepc;
        SetMode(target);
    }

    private void ReturnFromSupervisor()
    {
        var target = (_mstatus & MStatus.Spp) != 0 ? PrivilegeMode.Supervisor : PrivilegeMode.User;
        var s = _mstatus & ~(MStatus.Sie | MStatus.Spp | MStatus.Mprv);
        if ((_mstatus & MStatus.Spie) != 0) s |= MStatus.Sie;
        s |= MStatus.Spie;
        _mstatus = s;
        _reservationValid = false;
        Pc = _sepc;
        SetMode(target);
    }
}
