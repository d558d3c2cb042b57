using Nido.Devices.Legacy;

namespace Nido.Devices.Tests;

/// <summary>fw_cfg's traditional interface as kvm-unit-tests' fwcfg_get_u* drive it: select with a 16-bit write, read bytes.</summary>
public sealed class FwCfgTests
{
    private static ulong Get(FwCfg d, ushort key, int bytes)
    {
        d.Write(0, [(byte)key, (byte)(key >> 8)]);
        ulong r = 0;
        Span<byte> b = stackalloc byte[1];
        for (var i = 0; i < bytes; i++)
        {
            d.Read(1, b);
            r |= (ulong)b[0] << (8 * i);
        }
        return r;
    }

    [Fact]
    public void Signature_cpu_count_and_ram_size()
    {
        var d = new FwCfg(cpus: 3, ramBytes: 256UL << 20);
        Assert.Equal("QEMU"u8.ToArray(), BitConverter.GetBytes((uint)Get(d, FwCfg.Signature, 4)));
        Assert.Equal(1UL, Get(d, FwCfg.Id, 4)); // no DMA interface
        Assert.Equal(3UL, Get(d, FwCfg.NbCpus, 2));
        Assert.Equal(3UL, Get(d, FwCfg.MaxCpus, 2));
        Assert.Equal(256UL << 20, Get(d, FwCfg.RamSize, 8));
        Assert.Equal(0UL, Get(d, FwCfg.FileDir, 4));
    }

    [Fact]
    public void Unknown_items_bytes_past_the_end_and_other_offsets_read_zero()
    {
        var d = new FwCfg(2, 1UL << 30);
        Assert.Equal(0UL, Get(d, 0x11, 8)); // kvm-unit-tests' FW_CFG_MAX_RAM: 0 means no limit
        Assert.Equal(0UL, Get(d, 0x8002, 8));
        Assert.Equal(2UL, Get(d, FwCfg.NbCpus, 8)); // two bytes, then zeros
        Span<byte> wide = stackalloc byte[4];
        wide.Fill(0xff);
        d.Read(0, wide);
        Assert.Equal(0u, BitConverter.ToUInt32(wide));
        d.Write(1, [9]); // the data port takes no writes
        d.Write(0, [5]); // nor the selector a single byte
        Assert.Equal(2UL, Get(d, FwCfg.NbCpus, 2));
    }
}
