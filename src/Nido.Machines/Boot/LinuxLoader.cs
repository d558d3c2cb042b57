using static Nido.Machines.Boot.LittleEndian;
using System.Text;
using Nido.Hypervisor.Memory;
using Nido.Machines.X86;

namespace Nido.Machines.Boot;

/// <summary>
/// The Linux x86 boot protocol (Documentation/arch/x86/boot.rst) with the 64-bit entry: the bzImage's setup
/// header is copied into a zero page with the command line, the initrd and the e820 map; the protected-mode
/// kernel is loaded at 1 MiB (or at pref_address when it cannot relocate) and entered at +0x200 in long mode
/// with RSI pointing at the zero page.
/// </summary>
public static class LinuxLoader
{
    // Setup header offsets (from the start of the image and of boot_params alike).
    private const int SetupSects = 0x1f1, BootFlag = 0x1fe, Header = 0x202, Version = 0x206, TypeOfLoader = 0x210;
    private const int LoadFlags = 0x211, RamdiskImage = 0x218, RamdiskSize = 0x21c, CmdLinePtr = 0x228, InitrdAddrMax = 0x22c;
    private const int KernelAlignment = 0x230, Relocatable = 0x234, XLoadFlags = 0x236, CmdlineSize = 0x238, PrefAddress = 0x258, InitSize = 0x260;
    // boot_params fields outside the header.
    private const int AcpiRsdpAddr = 0x070, ExtRamdiskImage = 0x0c0, ExtRamdiskSize = 0x0c4, ExtCmdLinePtr = 0x0c8, E820Entries = 0x1e8, E820Table = 0x2d0;
    private const int MaxE820 = 128;
    private const byte LoadedHigh = 1, Kernel64 = 1, LoaderUndefined = 0xff;
    private const uint HdrS = 0x53726448;
    private const ulong DefaultLoadAddress = X86Layout.HighMemory;

    public static bool IsBzImage(ReadOnlySpan<byte> kernel) =>
        kernel.Length > 0x264 && U16(kernel, BootFlag) == 0xaa55 && U32(kernel, Header) == HdrS;

    public static BootEntry Load(GuestMemory memory, ReadOnlySpan<byte> kernel, string name, string commandLine, ReadOnlySpan<byte> initrd, string? initrdName, ulong acpiRsdp = 0)
    {
        if (!IsBzImage(kernel)) throw new BootException($"{name}: not a bzImage (no \"HdrS\" setup header)");
        var version = U16(kernel, Version);
        if (version < 0x020c) throw new BootException($"{name}: boot protocol {version >> 8}.{version & 0xff} is older than 2.12, which has the 64-bit entry");
        if ((kernel[XLoadFlags] & Kernel64) == 0) throw new BootException($"{name}: the kernel has no 64-bit entry point (XLF_KERNEL_64 is clear)");
        if ((kernel[LoadFlags] & LoadedHigh) == 0) throw new BootException($"{name}: a zImage (loaded low) is not supported; use a bzImage");

        var setupSectors = kernel[SetupSects] == 0 ? 4 : kernel[SetupSects];
        var payloadOffset = (setupSectors + 1) * 512;
        if (payloadOffset >= kernel.Length) throw new BootException($"{name}: setup_sects ({setupSectors}) points past the end of the file");
        var payload = kernel[payloadOffset..];
        var relocatable = kernel[Relocatable] != 0;
        var loadAddress = relocatable || version < 0x020a ? DefaultLoadAddress : U64(kernel, PrefAddress);
        if (loadAddress < X86Layout.HighMemory || !memory.Contains(loadAddress, (ulong)payload.Length))
            throw new BootException($"{name}: the kernel needs 0x{payload.Length:x} bytes at 0x{loadAddress:x}, more than guest memory has there");
        // Where the kernel decompresses and runs (boot.rst, init_size): it needs init_size bytes from there.
        var runtimeStart = RuntimeStart(kernel, version, relocatable, loadAddress);
        var initSize = Math.Max((ulong)payload.Length, U32(kernel, InitSize));
        if (!memory.Contains(runtimeStart, initSize))
            throw new BootException($"{name}: the kernel needs 0x{initSize:x} bytes at 0x{runtimeStart:x}, more than guest memory has there");
        memory.Write(loadAddress, payload);

        // The zero page: the image's setup header (its length is in the byte at 0x201) and what the loader fills in.
        var zero = new byte[4096];
        var headerEnd = Math.Min(0x202 + kernel[0x201], kernel.Length);
        kernel[SetupSects..headerEnd].CopyTo(zero.AsSpan(SetupSects));
        zero[TypeOfLoader] = LoaderUndefined;
        W64(zero, AcpiRsdpAddr, acpiRsdp); // Kernels from 5.0 take it from here rather than scanning.

        var cmdlineMax = Math.Min(X86Layout.CommandLineMax - 1, version >= 0x0206 ? U32(kernel, CmdlineSize) : 255);
        var cmdline = Encoding.UTF8.GetBytes(commandLine);
        if ((ulong)cmdline.Length > cmdlineMax)
            throw new BootException($"cmdline: {cmdline.Length} bytes is longer than the kernel's limit of {cmdlineMax}");
        memory.GetSpan(X86Layout.CommandLine, cmdline.Length + 1).Clear();
        memory.Write(X86Layout.CommandLine, cmdline);
        W32(zero, CmdLinePtr, (uint)X86Layout.CommandLine);
        W32(zero, ExtCmdLinePtr, (uint)(X86Layout.CommandLine >> 32));

        if (initrdName is not null)
        {
            var address = PlaceInitrd(memory, kernel, initrd.Length, Math.Max(loadAddress + (ulong)payload.Length, runtimeStart + initSize), initrdName);
            memory.Write(address, initrd);
            W32(zero, RamdiskImage, (uint)address);
            W32(zero, ExtRamdiskImage, (uint)(address >> 32));
            W32(zero, RamdiskSize, (uint)initrd.Length);
            W32(zero, ExtRamdiskSize, (uint)((ulong)initrd.Length >> 32));
        }

        var map = E820.For(memory);
        if (map.Length > MaxE820) throw new BootException($"the memory map has {map.Length} entries, more than the zero page holds");
        zero[E820Entries] = (byte)map.Length;
        for (var i = 0; i < map.Length; i++)
        {
            var at = E820Table + i * 20;
            W64(zero, at, map[i].Start);
            W64(zero, at + 8, map[i].Size);
            W32(zero, at + 16, (uint)map[i].Type);
        }
        memory.Write(X86Layout.ZeroPage, zero);
        return new BootEntry(BootMode.Long64, loadAddress + 0x200, Rsi: X86Layout.ZeroPage, Rsp: X86Layout.BootStack);
    }

    private static ulong RuntimeStart(ReadOnlySpan<byte> kernel, ushort version, bool relocatable, ulong loadAddress)
    {
        var preferred = version >= 0x020a ? U64(kernel, PrefAddress) : loadAddress;
        if (!relocatable) return preferred;
        var alignment = Math.Max(1UL, U32(kernel, KernelAlignment));
        var start = Math.Max(loadAddress, preferred);
        return (start + alignment - 1) / alignment * alignment;
    }

    // As high in low RAM as initrd_addr_max allows, page-aligned, above the kernel's init_size footprint.
    private static ulong PlaceInitrd(GuestMemory memory, ReadOnlySpan<byte> kernel, int size, ulong kernelEnd, string name)
    {
        var max = (ulong)U32(kernel, InitrdAddrMax);
        if (max == 0) max = 0x37ffffff;
        return PlaceInitrdBelow(memory, max + 1, (ulong)size, kernelEnd, name);
    }

    /// <summary>The highest page-aligned address in low RAM, below <paramref name="limit"/>, where the initrd fits above the kernel (Linux and PVH boots alike).</summary>
    internal static ulong PlaceInitrdBelow(GuestMemory memory, ulong limit, ulong size, ulong kernelEnd, string? name)
    {
        var top = Math.Min(memory.Regions[0].End, limit);
        if (size > top) throw new BootException($"initrd: {name} ({size} bytes) does not fit below 0x{top:x}");
        var address = (top - size) & ~0xfffUL;
        if (address < kernelEnd)
            throw new BootException($"initrd: {name} ({size} bytes) does not fit in guest memory beside the kernel; give the VM more memory");
        return address;
    }
}
