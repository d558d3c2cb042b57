using Nido.Hypervisor.Memory;
using Nido.Hypervisor.X86;

namespace Nido.Machines.X86;

public enum BootMode
{
    /// <summary>32-bit protected mode, paging off (Multiboot, PVH).</summary>
    Protected32,
    /// <summary>64-bit long mode on an identity map of the first 4 GiB (Linux's 64-bit boot protocol).</summary>
    Long64,
}

/// <summary>Where and how the boot vCPU starts: the loader's answer.</summary>
public sealed record BootEntry(BootMode Mode, ulong Rip, ulong Rax = 0, ulong Rbx = 0, ulong Rsi = 0, ulong Rsp = 0);

/// <summary>Puts the boot vCPU into the state a loader's entry convention promises (GDT, paging, registers).</summary>
public static class BootCpu
{
    // Linux's boot protocol names these: __BOOT_CS and __BOOT_DS; TR needs some valid TSS for VM entry.
    public const ushort CodeSelector = 0x10, DataSelector = 0x18, TssSelector = 0x20;
    private const ulong Cr0Pe = 1, Cr0Et = 0x10, Cr0Pg = 0x8000_0000, Cr4Pae = 0x20, EferLme = 0x100, EferLma = 0x400;

    public static void Apply(IX86Vcpu vcpu, GuestMemory memory, BootEntry entry)
    {
        var longMode = entry.Mode == BootMode.Long64;
        var code = Segment.Flat(CodeSelector, 0xb, longMode);
        var data = Segment.Flat(DataSelector, 0x3);
        var tss = new Segment { Base = 0, Limit = 0x67, Selector = TssSelector, Type = 0xb, Present = 1 };
        ulong[] gdt = [0, 0, code.ToDescriptor(), data.ToDescriptor(), tss.ToDescriptor()];
        for (var i = 0; i < gdt.Length; i++) memory.Write(X86Layout.Gdt + (ulong)i * 8, gdt[i]);
        memory.Write(X86Layout.Idt, 0UL);

        var sregs = vcpu.GetSpecialRegisters();
        sregs.Cs = code;
        sregs.Ds = sregs.Es = sregs.Fs = sregs.Gs = sregs.Ss = data;
        sregs.Tr = tss;
        sregs.Gdt.Base = X86Layout.Gdt;
        sregs.Gdt.Limit = (ushort)(gdt.Length * 8 - 1);
        sregs.Idt.Base = X86Layout.Idt;
        sregs.Idt.Limit = 0;
        sregs.Cr0 = Cr0Pe | Cr0Et;
        if (longMode)
        {
            WriteIdentityMap(memory);
            sregs.Cr3 = X86Layout.Pml4;
            sregs.Cr4 |= Cr4Pae;
            sregs.Cr0 |= Cr0Pg;
            sregs.Efer |= EferLme | EferLma;
        }
        vcpu.SetSpecialRegisters(sregs);

        vcpu.SetRegisters(new StandardRegisters
        {
            Rip = entry.Rip, Rax = entry.Rax, Rbx = entry.Rbx, Rsi = entry.Rsi, Rsp = entry.Rsp, Rflags = 0x2,
        });
        vcpu.SetFpu(new FpuState { Fcw = 0x37f, Mxcsr = 0x1f80 });
    }

    /// <summary>PML4 → one PDPT → four page directories of 2 MiB pages: the first 4 GiB mapped to themselves.</summary>
    private static void WriteIdentityMap(GuestMemory memory)
    {
        const ulong Present = 1, Writable = 2, Huge = 0x80;
        memory.GetSpan(X86Layout.Pml4, 4096).Clear();
        memory.GetSpan(X86Layout.Pdpt, 4096).Clear();
        memory.Write(X86Layout.Pml4, X86Layout.Pdpt | Present | Writable);
        for (ulong d = 0; d < 4; d++)
        {
            var directory = X86Layout.PageDirectories + d * 4096;
            memory.Write(X86Layout.Pdpt + d * 8, directory | Present | Writable);
            for (ulong e = 0; e < 512; e++)
                memory.Write(directory + e * 8, ((d * 512 + e) << 21) | Present | Writable | Huge);
        }
    }
}
