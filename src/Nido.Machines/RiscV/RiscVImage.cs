using static Nido.Machines.Boot.LittleEndian;
using Nido.Machines.Boot;

namespace Nido.Machines.RiscV;

/// <summary>
/// The RISC-V Linux "Image" header (Documentation/arch/riscv/boot-image-header.rst): the kernel is loaded
/// text_offset bytes above the 2 MiB-aligned start of RAM and occupies image_size bytes there.
/// </summary>
public sealed record RiscVImage(ulong TextOffset, ulong ImageSize)
{
    private static ReadOnlySpan<byte> Magic2 => "RSC\x05"u8;

    public static bool IsImage(ReadOnlySpan<byte> file) => file.Length >= 64 && file.Slice(0x38, 4).SequenceEqual(Magic2);

    public static RiscVImage Parse(ReadOnlySpan<byte> file, string name) => Parse(file, file.Length, name);

    /// <summary>From the file's first bytes (at least the 64-byte header) and its whole length.</summary>
    public static RiscVImage Parse(ReadOnlySpan<byte> header, long fileLength, string name)
    {
        if (!IsImage(header)) throw new BootException($"{name}: not a RISC-V Linux Image (no RSC\\x05 magic at 0x38)");
        var textOffset = U64(header, 8);
        var imageSize = U64(header, 16);
        if (textOffset % 4096 != 0 || textOffset > 1UL << 30) throw new BootException($"{name}: Image text_offset 0x{textOffset:x} is not a sensible page-aligned offset");
        if (imageSize < (ulong)fileLength) imageSize = (ulong)fileLength; // 0 in old kernels: the file is the image
        return new RiscVImage(textOffset, imageSize);
    }
}
