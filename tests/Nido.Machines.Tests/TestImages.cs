using System.Buffers.Binary;
using System.Text;
using Nido.Hypervisor.Memory;

namespace Nido.Machines.Tests;

/// <summary>A program header to build: its bytes go in the file, <see cref="MemorySize"/> defaults to their length.</summary>
internal sealed record Seg(uint Type, ulong VirtualAddress, ulong PhysicalAddress, byte[] Data, ulong? MemorySize = null);

/// <summary>Hand-built little-endian ELF executables: header, program headers, then each segment's bytes (4-aligned).</summary>
internal static class Elf
{
    public const int Ehdr32 = 52, Ehdr64 = 64, Phdr32 = 32, Phdr64 = 56;

    public static byte[] Build(bool is64, ulong entry, ushort machine, params Seg[] segments)
    {
        var ehsize = is64 ? Ehdr64 : Ehdr32;
        var phsize = is64 ? Phdr64 : Phdr32;
        var offsets = new int[segments.Length];
        var at = ehsize + phsize * segments.Length;
        for (var i = 0; i < segments.Length; i++)
        {
            at = (at + 3) & ~3;
            offsets[i] = at;
            at += segments[i].Data.Length;
        }
        var f = new byte[at];
        "\x7f"u8.CopyTo(f);
        "ELF"u8.CopyTo(f.AsSpan(1));
        f[4] = (byte)(is64 ? 2 : 1);
        f[5] = 1; // Little-endian.
        f[6] = 1; // EV_CURRENT.
        W16(f, 16, 2); // ET_EXEC.
        W16(f, 18, machine);
        W32(f, 20, 1);
        if (is64)
        {
            W64(f, 24, entry);
            W64(f, 32, Ehdr64);
            W16(f, 52, Ehdr64);
            W16(f, 54, Phdr64);
            W16(f, 56, (ushort)segments.Length);
        }
        else
        {
            W32(f, 24, (uint)entry);
            W32(f, 28, Ehdr32);
            W16(f, 40, Ehdr32);
            W16(f, 42, Phdr32);
            W16(f, 44, (ushort)segments.Length);
        }
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            var h = f.AsSpan(ehsize + i * phsize);
            var memsz = s.MemorySize ?? (ulong)s.Data.Length;
            if (is64)
            {
                W32(h, 0, s.Type);
                W32(h, 4, 7);
                W64(h, 8, (ulong)offsets[i]);
                W64(h, 16, s.VirtualAddress);
                W64(h, 24, s.PhysicalAddress);
                W64(h, 32, (ulong)s.Data.Length);
                W64(h, 40, memsz);
                W64(h, 48, 4);
            }
            else
            {
                W32(h, 0, s.Type);
                W32(h, 4, (uint)offsets[i]);
                W32(h, 8, (uint)s.VirtualAddress);
                W32(h, 12, (uint)s.PhysicalAddress);
                W32(h, 16, (uint)s.Data.Length);
                W32(h, 20, (uint)memsz);
                W32(h, 24, 7);
                W32(h, 28, 4);
            }
            s.Data.CopyTo(f, offsets[i]);
        }
        return f;
    }

    /// <summary>One ELF note: namesz, descsz, type, then the NUL-terminated name and descriptor, each padded to 4.</summary>
    public static byte[] Note(string name, uint type, byte[] desc)
    {
        var n = Encoding.ASCII.GetBytes(name + "\0");
        var pad = (int x) => (x + 3) & ~3;
        var b = new byte[12 + pad(n.Length) + pad(desc.Length)];
        W32(b, 0, (uint)n.Length);
        W32(b, 4, (uint)desc.Length);
        W32(b, 8, type);
        n.CopyTo(b, 12);
        desc.CopyTo(b, 12 + pad(n.Length));
        return b;
    }

    /// <summary>Offset of program header <paramref name="i"/>'s field at <paramref name="field"/>.</summary>
    public static int Ph(bool is64, int i, int field) => (is64 ? Ehdr64 + i * Phdr64 : Ehdr32 + i * Phdr32) + field;

    public static void W16(Span<byte> b, int at, ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(b[at..], v);
    public static void W32(Span<byte> b, int at, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(b[at..], v);
    public static void W64(Span<byte> b, int at, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(b[at..], v);
    public static uint R32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b[at..]);
}

/// <summary>Multiboot v1 headers and kernels.</summary>
internal static class Mb
{
    public const uint Magic = 0x1BADB002;

    /// <summary>magic, flags, checksum and (with bit 16) header/load/load_end/bss_end/entry addresses.</summary>
    public static byte[] Header(uint flags, uint headerAddr = 0, uint loadAddr = 0, uint loadEnd = 0, uint bssEnd = 0, uint entry = 0)
    {
        var h = new byte[(flags & 1u << 16) != 0 ? 32 : 12];
        Elf.W32(h, 0, Magic);
        Elf.W32(h, 4, flags);
        Elf.W32(h, 8, unchecked(0u - Magic - flags));
        if (h.Length == 32)
        {
            Elf.W32(h, 12, headerAddr);
            Elf.W32(h, 16, loadAddr);
            Elf.W32(h, 20, loadEnd);
            Elf.W32(h, 24, bssEnd);
            Elf.W32(h, 28, entry);
        }
        return h;
    }

    /// <summary>An ELF32 kernel linked at 0xc0100000, loaded at 1 MiB: code (with the header first) and .bss.</summary>
    public static byte[] ElfKernel(uint flags = 3, ulong bss = 0x2000, ushort machine = 3)
    {
        var text = new byte[0x300];
        Header(flags).CopyTo(text, 0);
        for (var i = 12; i < text.Length; i++) text[i] = (byte)(i * 13);
        return Elf.Build(false, 0xc0100010, machine, new Seg(1, 0xc0100000, 0x100000, text, (ulong)text.Length + bss));
    }

    /// <summary>A flat a.out-kludge kernel: <paramref name="headerAt"/> bytes of code, the header, more code.</summary>
    public static byte[] AoutKernel(uint loadAddr, int headerAt, int size, uint loadEnd, uint bssEnd, uint entry)
    {
        var k = new byte[size];
        for (var i = 0; i < k.Length; i++) k[i] = (byte)(i * 7 + 1);
        Header(1u << 16, loadAddr + (uint)headerAt, loadAddr, loadEnd, bssEnd, entry).CopyTo(k, headerAt);
        return k;
    }
}

/// <summary>
/// A synthetic bzImage: setup sectors with a boot protocol 2.15 header, then a protected-mode payload. By default
/// pref_address and kernel_alignment are 1 MiB, so the kernel's runtime start (boot.rst, init_size) is where it is loaded.
/// </summary>
internal static class BzImage
{
    public const int SetupSects = 0x1f1, Version = 0x206, LoadFlags = 0x211, InitrdAddrMax = 0x22c, KernelAlignment = 0x230, Relocatable = 0x234;
    public const int XLoadFlags = 0x236, CmdlineSize = 0x238, PrefAddress = 0x258, InitSize = 0x260, HeaderEnd = 0x268;

    public static byte[] Build(int setupSects = 2, int payloadSize = 0x1000, uint initSize = 0x10000, bool relocatable = true,
        ulong prefAddress = 0x100000, uint kernelAlignment = 0x100000, uint cmdlineSize = 2047, ushort version = 0x020f)
    {
        var k = new byte[(setupSects + 1) * 512 + payloadSize];
        k[SetupSects] = (byte)setupSects;
        Elf.W16(k, 0x1fe, 0xaa55);
        k[0x200] = 0xeb;                            // jmp over the header:
        k[0x201] = (byte)(HeaderEnd - 0x202);       // its length is what a loader copies.
        "HdrS"u8.CopyTo(k.AsSpan(0x202));
        Elf.W16(k, Version, version);
        k[LoadFlags] = 0x01;                        // LOADED_HIGH.
        Elf.W32(k, InitrdAddrMax, 0x7fffffff);
        Elf.W32(k, KernelAlignment, kernelAlignment);
        k[Relocatable] = (byte)(relocatable ? 1 : 0);
        Elf.W16(k, XLoadFlags, 0x03);               // XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G.
        Elf.W32(k, CmdlineSize, cmdlineSize);
        Elf.W64(k, PrefAddress, prefAddress);
        Elf.W32(k, InitSize, initSize);
        for (var i = (setupSects + 1) * 512; i < k.Length; i++) k[i] = (byte)(i * 11 + 3);
        return k;
    }

    public static byte[] Payload(byte[] kernel) => kernel[(((kernel[SetupSects] == 0 ? 4 : kernel[SetupSects]) + 1) * 512)..];
}

/// <summary>Guest RAM without KVM; its first 4 MiB hold a marker so what a loader clears or leaves is visible.</summary>
internal static class Ram
{
    public const ulong Default = 64UL << 20;

    public static GuestMemory Create(ulong size = Default, byte fill = 0xcc)
    {
        var m = GuestMemory.Anonymous([(0, size)]);
        if (fill != 0) m.GetSpan(0, (int)Math.Min(size, 4UL << 20)).Fill(fill); // Filling all of it would slow every test.
        return m;
    }

    public static byte[] Bytes(this GuestMemory m, ulong address, int length) => m.GetSpan(address, length).ToArray();

    public static string CString(this GuestMemory m, ulong address) => m.ReadCString(address, 4096);
}
