namespace Nido.Cpu.RiscV.Mmu;

/// <summary>The three kinds of memory access, which have their own permissions, TLBs and fault causes.</summary>
internal enum Access : byte
{
    Read = 0,
    Write = 1,
    Execute = 2,
}

/// <summary>Sv39/Sv48 page-table entry bits.</summary>
internal static class Pte
{
    public const ulong V = 1, R = 2, W = 4, X = 8, U = 16, G = 32, A = 64, D = 128;
    /// <summary>Bits 63:54 (Svpbmt, Svnapot, reserved): none implemented, so set means a page fault.</summary>
    public const ulong Reserved = 0xffc0_0000_0000_0000;
    public const int PpnShift = 10;
    public const ulong PpnMask = (1UL << 44) - 1;
}
