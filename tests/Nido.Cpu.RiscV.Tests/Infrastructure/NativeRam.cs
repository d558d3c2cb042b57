using System.Runtime.InteropServices;

namespace Nido.Cpu.RiscV.Tests.Infrastructure;

/// <summary>
/// Guest RAM in its own mapping, fenced so that a hart touching host memory outside it is caught:
/// [PROT_NONE page][canary page][RAM][canary page][PROT_NONE page]. A small overrun changes a canary
/// (<see cref="CheckCanaries"/> reports it); a wild one faults at once and kills the test process, which is
/// the loudest failure there is. The trailing canary page also gives the 8 readable bytes IMemoryBus asks for.
/// </summary>
internal sealed unsafe partial class NativeRam : IDisposable
{
    private const int Page = 4096;
    private const int ProtNone = 0, ProtRead = 1, ProtWrite = 2, MapPrivate = 0x02, MapAnonymous = 0x20;
    private const byte CanaryByte = 0xa5;

    private readonly byte* _mapping;
    private readonly nuint _mappingSize;
    private readonly ulong _rounded;

    public NativeRam(ulong size)
    {
        Size = size;
        _rounded = (size + Page - 1) & ~(ulong)(Page - 1);
        _mappingSize = (nuint)(_rounded + 4 * Page);
        var p = mmap(0, _mappingSize, ProtNone, MapPrivate | MapAnonymous, -1, 0);
        if (p == -1) throw new InvalidOperationException($"mmap({_mappingSize}): errno {Marshal.GetLastPInvokeError()}");
        _mapping = (byte*)p;
        // RAM ends exactly at the trailing canary, also when its size is not a page multiple.
        var rwStart = _mapping + Page;
        if (mprotect((nint)rwStart, (nuint)(_rounded + 2 * Page), ProtRead | ProtWrite) != 0)
            throw new InvalidOperationException($"mprotect: errno {Marshal.GetLastPInvokeError()}");
        Pointer = (nint)(rwStart + Page + (long)(_rounded - size));
        LeadingCanary.Fill(CanaryByte);
        TrailingCanary.Fill(CanaryByte);
    }

    public ulong Size { get; }

    /// <summary>Host address of the first RAM byte.</summary>
    public nint Pointer { get; }

    public Span<byte> Bytes => new((void*)Pointer, checked((int)Size));

    private Span<byte> LeadingCanary => new(_mapping + Page, (int)((byte*)Pointer - (_mapping + Page)));

    private Span<byte> TrailingCanary => new((byte*)Pointer + (long)Size, Page);

    /// <summary>Null when both canaries are intact, else where the first changed byte is.</summary>
    public string? CheckCanaries()
    {
        var lead = LeadingCanary.IndexOfAnyExcept(CanaryByte);
        if (lead >= 0) return $"host memory {LeadingCanary.Length - lead} byte(s) before RAM was written";
        var trail = TrailingCanary.IndexOfAnyExcept(CanaryByte);
        return trail >= 0 ? $"host memory {trail} byte(s) after the end of RAM was written" : null;
    }

    public void Clear() => Bytes.Clear();

    public void Dispose() => munmap((nint)_mapping, _mappingSize);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc")]
    private static partial int munmap(nint addr, nuint length);
}
