using System.Runtime.InteropServices;

namespace Nido.Hypervisor.X86;

// Layouts equal KVM's (struct kvm_regs, kvm_sregs, kvm_segment, kvm_dtable) so the backend passes them as they are.

/// <summary>General-purpose registers, rip and rflags.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct StandardRegisters
{
    public ulong Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rsp, Rbp;
    public ulong R8, R9, R10, R11, R12, R13, R14, R15;
    public ulong Rip, Rflags;
}

/// <summary>A segment register with its hidden descriptor cache.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Segment
{
    public ulong Base;
    public uint Limit;
    public ushort Selector;
    public byte Type, Present, Dpl, Db, S, L, G, Avl, Unusable, Padding;

    /// <summary>A flat 4 GiB segment (granular limit) of the given type: code 0xb (execute/read, accessed), data 0x3.</summary>
    public static Segment Flat(ushort selector, byte type, bool longMode = false) => new()
    {
        Base = 0, Limit = 0xffffffff, Selector = selector, Type = type, Present = 1, S = 1, G = 1,
        Db = (byte)(longMode && type >= 8 ? 0 : 1), L = (byte)(longMode && type >= 8 ? 1 : 0),
    };

    /// <summary>The 64-bit GDT descriptor that describes this segment (for the guest's own table).</summary>
    public readonly ulong ToDescriptor()
    {
        ulong limit = G != 0 ? Limit >> 12 : Limit & 0xfffff;
        return (limit & 0xffff) | (Base & 0xffffff) << 16 | (ulong)(Type | S << 4 | Dpl << 5 | Present << 7) << 40
            | (limit >> 16 & 0xf) << 48 | (ulong)(Avl | L << 1 | Db << 2 | G << 3) << 52 | (Base >> 24 & 0xff) << 56;
    }
}

[StructLayout(LayoutKind.Sequential)]
public struct DescriptorTable
{
    public ulong Base;
    public ushort Limit;
    private ushort _pad0, _pad1, _pad2;
}

/// <summary>Segments, descriptor tables, control registers, EFER and the APIC base.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct SpecialRegisters
{
    public Segment Cs, Ds, Es, Fs, Gs, Ss, Tr, Ldt;
    public DescriptorTable Gdt, Idt;
    public ulong Cr0, Cr2, Cr3, Cr4, Cr8, Efer, ApicBase;
    public fixed ulong InterruptBitmap[4];
}

/// <summary>One CPUID leaf/subleaf answer (struct kvm_cpuid_entry2).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct CpuidEntry
{
    public const uint FlagSignificantIndex = 1;

    public uint Function, Index, Flags, Eax, Ebx, Ecx, Edx;
    private uint _pad0, _pad1, _pad2;

    public override readonly string ToString() => $"0x{Function:x}.{Index}: {Eax:x8} {Ebx:x8} {Ecx:x8} {Edx:x8}";
}

/// <summary>One model-specific register value (struct kvm_msr_entry).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MsrEntry(uint index, ulong data)
{
    public uint Index = index;
    private uint _reserved;
    public ulong Data = data;
}

/// <summary>x87/SSE state (struct kvm_fpu), for the reset values a loader must set.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct FpuState
{
    public fixed byte Fpr[128];
    public ushort Fcw, Fsw;
    public byte Ftwx, Pad1;
    public ushort LastOpcode;
    public ulong LastIp, LastDp;
    public fixed byte Xmm[256];
    public uint Mxcsr, Pad2;
}
