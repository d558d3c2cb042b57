namespace Nido.Cpu.RiscV.Csr;

/// <summary>CSR numbers (the privileged spec's table). Bits 9:8 give the lowest privilege, 11:10 == 3 means read-only.</summary>
public static class CsrAddress
{
    public const ushort Fflags = 0x001, Frm = 0x002, Fcsr = 0x003;
    public const ushort Cycle = 0xc00, Time = 0xc01, Instret = 0xc02, HpmCounter3 = 0xc03, HpmCounter31 = 0xc1f;

    public const ushort Sstatus = 0x100, Sie = 0x104, Stvec = 0x105, Scounteren = 0x106, Senvcfg = 0x10a;
    public const ushort Sscratch = 0x140, Sepc = 0x141, Scause = 0x142, Stval = 0x143, Sip = 0x144;
    public const ushort Satp = 0x180;

    public const ushort Mvendorid = 0xf11, Marchid = 0xf12, Mimpid = 0xf13, Mhartid = 0xf14, Mconfigptr = 0xf15;
    public const ushort Mstatus = 0x300, Misa = 0x301, Medeleg = 0x302, Mideleg = 0x303, Mie = 0x304, Mtvec = 0x305;
    public const ushort Mcounteren = 0x306, Menvcfg = 0x30a, Mcountinhibit = 0x320, MhpmEvent3 = 0x323, MhpmEvent31 = 0x33f;
    public const ushort Mscratch = 0x340, Mepc = 0x341, Mcause = 0x342, Mtval = 0x343, Mip = 0x344;
    public const ushort Pmpcfg0 = 0x3a0, Pmpcfg15 = 0x3af, Pmpaddr0 = 0x3b0, Pmpaddr63 = 0x3ef;
    /// <summary>The debug spec's trigger module (Sdtrig): tselect, tdata1–3, tinfo.</summary>
    public const ushort Tselect = 0x7a0, Tdata1 = 0x7a1, Tdata2 = 0x7a2, Tdata3 = 0x7a3, Tinfo = 0x7a4;
    public const ushort Mcycle = 0xb00, Minstret = 0xb02, MhpmCounter3 = 0xb03, MhpmCounter31 = 0xb1f;
}
