namespace Nido.Cpu.RiscV;

/// <summary>
/// Physical memory as one hart sees it: one RAM range the hart reads and writes directly (loads, stores,
/// atomics, page walks and instruction fetch), and everything else (devices) through <see cref="Read"/> and
/// <see cref="Write"/>. The CPU never references devices; the machine implements this.
/// </summary>
public interface IMemoryBus
{
    /// <summary>Guest-physical address where RAM starts.</summary>
    ulong RamBase { get; }

    /// <summary>Bytes of RAM.</summary>
    ulong RamSize { get; }

    /// <summary>
    /// Host address of the first RAM byte; valid for the life of the hart. At least 8 readable bytes must follow
    /// the last RAM byte (a guard), because instruction fetch compares whole words at page ends.
    /// </summary>
    nint RamPointer { get; }

    /// <summary>Reads 1, 2, 4 or 8 bytes of a device; false when nothing answers there (an access fault).</summary>
    bool Read(ulong address, int size, out ulong value);

    /// <summary>Writes 1, 2, 4 or 8 bytes to a device; false when nothing answers there (an access fault).</summary>
    bool Write(ulong address, int size, ulong value);
}
