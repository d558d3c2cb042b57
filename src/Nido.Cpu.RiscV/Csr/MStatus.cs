namespace Nido.Cpu.RiscV.Csr;

/// <summary>mstatus/sstatus fields (RV64).</summary>
public static class MStatus
{
    public const ulong Sie = 1UL << 1, Mie = 1UL << 3, Spie = 1UL << 5, Mpie = 1UL << 7, Spp = 1UL << 8;
    public const int MppShift = 11;
    public const ulong Mpp = 3UL << MppShift;
    public const int FsShift = 13;
    public const ulong Fs = 3UL << FsShift, FsDirty = 3UL << FsShift;
    public const ulong Xs = 3UL << 15, Vs = 3UL << 9;
    public const ulong Mprv = 1UL << 17, Sum = 1UL << 18, Mxr = 1UL << 19, Tvm = 1UL << 20, Tw = 1UL << 21, Tsr = 1UL << 22;
    /// <summary>UXL and SXL: both fixed at 2 (XLEN 64).</summary>
    public const ulong XlFixed = (2UL << 32) | (2UL << 34);
    public const ulong Uxl = 3UL << 32;
    public const ulong Sd = 1UL << 63;

    /// <summary>What M-mode may change (the rest is fixed or derived).</summary>
    public const ulong Writable = Sie | Mie | Spie | Mpie | Spp | Mpp | Fs | Mprv | Sum | Mxr | Tvm | Tw | Tsr;

    /// <summary>The sstatus view of mstatus.</summary>
    public const ulong SstatusMask = Sie | Spie | Spp | Fs | Xs | Vs | Sum | Mxr | Uxl | Sd;

    public const ulong SstatusWritable = Sie | Spie | Spp | Fs | Sum | Mxr;
}
