using Nido.Linux;

namespace Nido.Hypervisor.Memory;

/// <summary>A contiguous range of guest-physical RAM backed by one host mapping.</summary>
public sealed class GuestRegion(ulong start, MappedMemory mapping)
{
    public ulong Start { get; } = start;

    public ulong Size { get; } = (ulong)mapping.Length;

    public ulong End => Start + Size;

    public MappedMemory Mapping { get; } = mapping;

    /// <summary>True when [address, address+length) lies inside this region (no overflow).</summary>
    public bool Contains(ulong address, ulong length) =>
        address >= Start && address - Start <= Size && length <= Size - (address - Start);

    public override string ToString() => $"[0x{Start:x}, 0x{End:x})";
}
