using Nido.Hypervisor.Memory;

namespace Nido.Machines.X86;

public enum E820Type : uint { Ram = 1, Reserved = 2, Acpi = 3, Nvs = 4 }

public readonly record struct E820Entry(ulong Start, ulong Size, E820Type Type);

/// <summary>The BIOS memory map the machine reports (Linux's e820 table, Multiboot's mmap, PVH's memmap).</summary>
public static class E820
{
    public static E820Entry[] For(GuestMemory memory)
    {
        var entries = new List<E820Entry>
        {
            new(0, X86Layout.Ebda, E820Type.Ram),
            new(X86Layout.Ebda, X86Layout.BaseMemoryEnd - X86Layout.Ebda, E820Type.Reserved), // EBDA: the MP table.
            new(X86Layout.BiosStart, X86Layout.HighMemory - X86Layout.BiosStart, E820Type.Reserved),
        };
        foreach (var region in memory.Regions)
        {
            var start = Math.Max(region.Start, X86Layout.HighMemory);
            if (region.End > start) entries.Add(new E820Entry(start, region.End - start, E820Type.Ram));
        }
        return [.. entries];
    }

    /// <summary>Bytes of RAM contiguous from 1 MiB (Multiboot's mem_upper, CMOS extended memory).</summary>
    public static ulong ContiguousAboveOneMiB(GuestMemory memory) =>
        memory.FindRegion(X86Layout.HighMemory) is { } r ? r.End - X86Layout.HighMemory : 0;
}
