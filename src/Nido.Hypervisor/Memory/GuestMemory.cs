using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Nido.Linux;

namespace Nido.Hypervisor.Memory;

/// <summary>
/// Guest RAM: a few regions of anonymous host memory at guest-physical addresses. Every access is checked
/// against the regions, because addresses usually come from the guest (descriptor tables, boot structures).
/// </summary>
public sealed class GuestMemory : IDisposable
{
    private readonly GuestRegion[] _regions;

    private GuestMemory(GuestRegion[] regions) => _regions = regions;

    public IReadOnlyList<GuestRegion> Regions => _regions;

    public ulong TotalSize => _regions.Aggregate(0UL, (sum, r) => sum + r.Size);

    /// <summary>Maps one anonymous region per range; ranges must be page-aligned, sorted and disjoint.</summary>
    public static GuestMemory Anonymous(IReadOnlyList<(ulong Start, ulong Size)> ranges, bool hugePages = false)
    {
        var align = hugePages ? 2UL << 20 : 4096UL;
        ulong previousEnd = 0;
        foreach (var (start, size) in ranges)
        {
            if (size == 0 || start % align != 0 || size % align != 0)
                throw new ArgumentException($"guest memory range 0x{start:x}+0x{size:x} is not a non-empty multiple of 0x{align:x} bytes");
            if (start < previousEnd) throw new ArgumentException($"guest memory range at 0x{start:x} overlaps the one before it");
            previousEnd = start + size;
        }
        var regions = new List<GuestRegion>();
        try
        {
            foreach (var (start, size) in ranges)
            {
                var mapping = MappedMemory.Anonymous((long)size, Protection.ReadWrite, hugePages);
                // Guest RAM must not be copied into children we spawn (taps helpers, hooks).
                mapping.Advise(Advice.DontFork);
                // Transparent huge pages where the host allows them (as QEMU asks for its RAM): a fault maps 2 MiB,
                // and the emulator's loads and stores into guest RAM miss the host TLB far less.
                if (!hugePages) TryAdvise(mapping, Advice.HugePage);
                regions.Add(new GuestRegion(start, mapping));
            }
        }
        catch
        {
            foreach (var region in regions) region.Mapping.Dispose();
            throw;
        }
        return new GuestMemory([.. regions]);
    }

    /// <summary>An optional hint: a kernel built without it refuses the advice (EINVAL), which changes nothing.</summary>
    private static void TryAdvise(MappedMemory mapping, Advice advice)
    {
        try { mapping.Advise(advice); }
        catch (ErrnoException) { }
    }

    public GuestRegion? FindRegion(ulong address, ulong length = 1)
    {
        foreach (var region in _regions)
            if (region.Contains(address, length)) return region;
        return null;
    }

    public bool Contains(ulong address, ulong length) => FindRegion(address, length) is not null;

    /// <summary>A view of guest memory that lies inside one region, or false.</summary>
    public unsafe bool TryGetSpan(ulong address, int length, out Span<byte> span)
    {
        if (length >= 0 && FindRegion(address, (ulong)length) is { } region)
        {
            span = new Span<byte>((byte*)region.Mapping.Address + (address - region.Start), length);
            return true;
        }
        span = default;
        return false;
    }

    public Span<byte> GetSpan(ulong address, int length) =>
        TryGetSpan(address, length, out var span) ? span : throw OutOfRange(address, length);

    public T Read<T>(ulong address) where T : unmanaged =>
        MemoryMarshal.Read<T>(GetSpan(address, Unsafe.SizeOf<T>()));

    public void Write<T>(ulong address, T value) where T : unmanaged =>
        MemoryMarshal.Write(GetSpan(address, Unsafe.SizeOf<T>()), in value);

    public void Read(ulong address, Span<byte> destination) => GetSpan(address, destination.Length).CopyTo(destination);

    public void Write(ulong address, ReadOnlySpan<byte> source) => source.CopyTo(GetSpan(address, source.Length));

    /// <summary>Reads a NUL-terminated string of at most <paramref name="max"/> bytes (for guest-given names).</summary>
    public string ReadCString(ulong address, int max)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < max; i++)
        {
            var b = Read<byte>(address + (ulong)i);
            if (b == 0) break;
            bytes.Add(b);
        }
        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }

    private static GuestMemoryException OutOfRange(ulong address, int length) =>
        new($"guest address range 0x{address:x}+{length} is outside guest memory");

    public void Dispose()
    {
        foreach (var region in _regions) region.Mapping.Dispose();
    }
}
