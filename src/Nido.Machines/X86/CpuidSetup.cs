using Nido.Hypervisor.X86;

namespace Nido.Machines.X86;

/// <summary>
/// The CPUID a vCPU shows: the host KVM's supported leaves, with this vCPU's APIC id, the topology of the
/// machine (one socket, one thread per core), and the hypervisor bit set.
/// </summary>
public static class CpuidSetup
{
    private const uint HypervisorBit = 1u << 31, HttBit = 1u << 28;

    public static CpuidEntry[] For(ReadOnlySpan<CpuidEntry> supported, int index, int cpus)
    {
        var entries = supported.ToArray();
        var coreBits = (uint)BitsFor(cpus);
        for (var i = 0; i < entries.Length; i++)
        {
            ref var e = ref entries[i];
            switch (e.Function)
            {
                case 1:
                    e.Ebx = (e.Ebx & 0x000000ff) | (uint)index << 24 | (uint)Math.Min(cpus, 255) << 16 | 8 << 8; // CLFLUSH line 64 bytes.
                    e.Ecx |= HypervisorBit;
                    e.Edx = cpus > 1 ? e.Edx | HttBit : e.Edx & ~HttBit;
                    break;
                case 4:
                    // Deterministic cache parameters: cores per package - 1 in EAX[31:26], sharing in EAX[25:14].
                    e.Eax = (e.Eax & 0x3fff) | (uint)(cpus - 1) << 26 | (e.Eax >> 5 & 7) switch { 3 => (uint)(cpus - 1) << 14, _ => 0 };
                    break;
                case 0xb:
                case 0x1f:
                    // Extended topology: level 0 is SMT (one thread), level 1 the cores; EDX is the x2APIC id.
                    (e.Eax, e.Ebx, e.Ecx) = e.Index switch
                    {
                        0 => (0u, 1u, 1u << 8),
                        1 => (coreBits, (uint)cpus, 2u << 8 | 1),
                        _ => (0u, 0u, e.Index),
                    };
                    e.Edx = (uint)index;
                    break;
            }
        }
        return entries;
    }

    private static int BitsFor(int count)
    {
        var bits = 0;
        while (1 << bits < count) bits++;
        return bits;
    }
}
