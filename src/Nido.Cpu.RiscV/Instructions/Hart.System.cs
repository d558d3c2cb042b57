using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV;

/// <summary>Zicsr instructions, ecall/ebreak, xRET, WFI and SFENCE.VMA with their privilege checks.</summary>
public sealed partial class Hart
{
    private const ulong SeipBit = 1UL << Interrupt.SupervisorExternal;

    /// <summary>One CSR instruction; false when it trapped.</summary>
    private bool CsrInstruction(in Instruction ins)
    {
        var csr = (ushort)ins.Imm;
        var immediate = ins.Op is Op.Csrrwi or Op.Csrrsi or Op.Csrrci;
        var source = immediate ? ins.Rs1 : X(ins.Rs1);
        var isWrite = ins.Op is Op.Csrrw or Op.Csrrwi || ins.Rs1 != 0;
        // csrrw with rd = x0 does not read (and has no read side effects), but the access is still checked.
        if (!TryReadCsr(csr, out var old) || (isWrite && (csr >> 10) == 3))
        {
            RaiseIllegal(ins);
            return false;
        }
        if (isWrite)
        {
            // Only the software-written SEIP takes part in a read-modify-write of mip (privileged spec): else a
            // csrs mip, SSIP while the PLIC asserts SEIP would latch SEIP in software, a never-ending interrupt.
            var modify = csr == Csr.CsrAddress.Mip ? (old & ~SeipBit) | (_mipSoftware & SeipBit) : old;
            var value = ins.Op switch
            {
                Op.Csrrw or Op.Csrrwi => source,
                Op.Csrrs or Op.Csrrsi => modify | source,
                _ => modify & ~source,
            };
            if (!TryWriteCsr(csr, value))
            {
                RaiseIllegal(ins);
                return false;
            }
        }
        X(ins.Rd) = old;
        return true;
    }

    private bool Mret(in Instruction ins)
    {
        if (Mode != PrivilegeMode.Machine)
        {
            RaiseIllegal(ins);
            return false;
        }
        ReturnFromMachine();
        return true;
    }

    private bool Sret(in Instruction ins)
    {
        if (Mode == PrivilegeMode.User || (Mode == PrivilegeMode.Supervisor && (_mstatus & MStatus.Tsr) != 0))
        {
            RaiseIllegal(ins);
            return false;
        }
        ReturnFromSupervisor();
        return true;
    }

    /// <summary>WFI: trap when not allowed; otherwise null when the hart should sleep, true to go on at once.</summary>
    private bool? Wfi(in Instruction ins)
    {
        if (Mode == PrivilegeMode.User || (Mode == PrivilegeMode.Supervisor && (_mstatus & MStatus.Tw) != 0))
        {
            RaiseIllegal(ins);
            return true;
        }
        Pc += ins.Length;
        return InterruptWaiting ? true : null;
    }

    private bool SfenceVma(in Instruction ins)
    {
        if (Mode == PrivilegeMode.User || (Mode == PrivilegeMode.Supervisor && (_mstatus & MStatus.Tvm) != 0))
        {
            RaiseIllegal(ins);
            return false;
        }
        if (ins.Rs1 == 0) FlushTlb();
        else FlushTlbPage(X(ins.Rs1));
        return true;
    }

    private void Ecall() => RaiseException(Mode switch
    {
        PrivilegeMode.User => ExceptionCause.EcallFromU,
        PrivilegeMode.Supervisor => ExceptionCause.EcallFromS,
        _ => ExceptionCause.EcallFromM,
    }, 0);
}
