using System.Runtime.InteropServices;

namespace Nido.Linux;

[Flags]
public enum Protection { None = 0, Read = 1, Write = 2, Exec = 4, ReadWrite = Read | Write }

public enum Advice { Normal = 0, Random = 1, Sequential = 2, WillNeed = 3, DontNeed = 4, Remove = 9, DontFork = 10, Mergeable = 12, HugePage = 14, NoHugePage = 15, DontDump = 16 }

/// <summary>An mmap'd region that unmaps itself exactly once (guest RAM, virtqueue views, shared files).</summary>
public sealed class MappedMemory : SafeHandle
{
    private const int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000, MAP_HUGETLB = 0x40000;

    private MappedMemory(nint address, long length) : base(-1, ownsHandle: true)
    {
        SetHandle(address);
        Length = length;
    }

    public long Length { get; }

    public nint Address => DangerousGetHandle();

    public override bool IsInvalid => handle == -1 || handle == 0;

    /// <summary>Private anonymous memory, zero-filled, reserved lazily (NORESERVE) like a VMM's guest RAM.</summary>
    public static MappedMemory Anonymous(long length, Protection protection = Protection.ReadWrite, bool hugePages = false)
    {
        var flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | (hugePages ? MAP_HUGETLB : 0);
        return Map(length, protection, flags, -1, 0, "anonymous");
    }

    /// <summary>Maps a file; shared mappings write through to it.</summary>
    public static MappedMemory File(SafeFdHandle fd, long length, long offset = 0, Protection protection = Protection.ReadWrite, bool shared = true)
    {
        var added = false;
        fd.DangerousAddRef(ref added);
        try { return Map(length, protection, shared ? MAP_SHARED : MAP_PRIVATE, fd.Fd, offset, fd.ToString()); }
        finally { if (added) fd.DangerousRelease(); }
    }

    private static MappedMemory Map(long length, Protection protection, int flags, int fd, long offset, string what)
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), "mapping length must be positive");
        var address = Interop.mmap(0, (nuint)length, (int)protection, flags, fd, offset);
        if (address == -1) Errors.Throw("mmap", $"{what}, {length} bytes");
        return new MappedMemory(address, length);
    }

    public unsafe Span<byte> AsSpan(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, +{length}) is outside the {Length}-byte mapping");
        return new Span<byte>((byte*)Address + offset, length);
    }

    /// <summary>msync(MS_SYNC) of a page-aligned range inside some mapping (Java's MappedByteBuffer.force).</summary>
    public static void Sync(nint address, long length) =>
        Errors.Check(Interop.msync(address, (nuint)length, 4 /* MS_SYNC */), "msync", $"{length} bytes");

    /// <summary>madvise of a page-aligned range inside some mapping.</summary>
    public static void Advise(nint address, long length, Advice advice) =>
        Errors.Check(Interop.madvise(address, (nuint)length, (int)advice), "madvise", advice.ToString());

    /// <summary>
    /// Asks for transparent huge pages (MADV_HUGEPAGE) over the run of adjacent anonymous mappings that holds
    /// <paramref name="inside"/>: a heap reserved by someone else (the .NET GC's regions) then faults in 2 MiB at a time
    /// where the system leaves THP to madvise. Returns the run's length, 0 when nothing was advised.
    /// </summary>
    public static long AdviseHugePagesAround(nint inside)
    {
        long start = 0, end = 0;
        var found = false;
        // Read and parsed as bytes, without FileStream, text decoding, Split or long.Parse: the host calls this first
        // thing, and the first use of each costs the CoreCLR host ~0.5–4 ms of runtime work.
        byte[]? maps;
        try { maps = FileIo.TryReadAll("/proc/self/maps"); }
        catch (ErrnoException) { return 0; }
        if (maps is null) return 0;
        for (var at = 0; at < maps.Length;)
        {
            var newline = maps.AsSpan(at).IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = newline < 0 ? maps.AsSpan(at) : maps.AsSpan(at, newline);
            at = newline < 0 ? maps.Length : at + newline + 1;
            // "lo-hi perms offset dev inode [path]": anonymous mappings have no path.
            var lo = Hex(ref line);
            if (line.IsEmpty || line[0] != '-') continue;
            line = line[1..];
            var hi = Hex(ref line);
            var anonymous = FieldsAfter(line, 4).Trim((byte)' ').IsEmpty;
            if (!anonymous || lo != end)
            {
                if (found) break; // the run breaks at a gap or a named mapping
                start = end = 0;
            }
            if (!anonymous) continue;
            if (start == 0) start = lo;
            end = hi;
            found |= lo <= inside && inside < hi;
        }
        if (!found) return 0;
        // Parts of the run may be unmapped by another thread meanwhile: madvise then fails with ENOMEM and has still
        // advised what is mapped, which is all that is asked.
        Interop.madvise((nint)start, (nuint)(end - start), (int)Advice.HugePage);
        return end - start;
    }

    // What follows the first `count` space-separated fields (runs of spaces count as one separator).
    private static ReadOnlySpan<byte> FieldsAfter(ReadOnlySpan<byte> line, int count)
    {
        for (var i = 0; i < count; i++)
        {
            line = line.TrimStart((byte)' ');
            var space = line.IndexOf((byte)' ');
            if (space < 0) return [];
            line = line[space..];
        }
        return line;
    }

    // A lowercase hexadecimal number at the start of the line, consumed.
    private static long Hex(ref ReadOnlySpan<byte> line)
    {
        long value = 0;
        var i = 0;
        for (; i < line.Length; i++)
        {
            var c = line[i];
            var digit = c is >= (byte)'0' and <= (byte)'9' ? c - '0' : c is >= (byte)'a' and <= (byte)'f' ? c - 'a' + 10 : -1;
            if (digit < 0) break;
            value = value << 4 | (uint)digit;
        }
        line = line[i..];
        return value;
    }

    /// <summary>Whether every page of a page-aligned range is resident (mincore).</summary>
    public static unsafe bool IsResident(nint address, long length)
    {
        var pages = (int)((length + Environment.SystemPageSize - 1) / Environment.SystemPageSize);
        var vector = new byte[Math.Max(1, pages)];
        fixed (byte* v = vector) Errors.Check(Interop.mincore(address, (nuint)length, v), "mincore", $"{length} bytes");
        foreach (var b in vector.AsSpan(0, pages))
            if ((b & 1) == 0) return false;
        return true;
    }

    public void Advise(Advice advice, long offset = 0, long? length = null) => Advise(Address + (nint)offset, length ?? Length - offset, advice);

    public void Protect(Protection protection, long offset = 0, long? length = null) =>
        Errors.Check(Interop.mprotect(Address + (nint)offset, (nuint)(length ?? Length - offset), (int)protection), "mprotect");

    protected override bool ReleaseHandle() => Interop.munmap(handle, (nuint)Length) == 0;
}
