using System.Text;
using Nido.Hypervisor.Memory;
using Nido.Machines.X86;

namespace Nido.Machines.Tests;

public sealed class MpTableTests : IDisposable
{
    private const ulong Pointer = 0x9fc00;
    private readonly GuestMemory _memory = Ram.Create(2UL << 20);

    public void Dispose() => _memory.Dispose();

    private static byte Sum(byte[] bytes) => bytes.Aggregate((byte)0, (s, b) => (byte)(s + b));

    private (ulong Address, byte[] Bytes) Config()
    {
        var address = _memory.Read<uint>(Pointer + 4);
        var length = _memory.Read<ushort>(address + 4);
        return (address, _memory.Bytes(address, length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(40)] // The most that fit in the 1 KiB EBDA.
    public void FloatingPointerAndConfigurationTableAreValid(int cpus)
    {
        MpTable.Write(_memory, cpus);
        var pointer = _memory.Bytes(Pointer, 16);
        Assert.Equal("_MP_", Encoding.ASCII.GetString(pointer, 0, 4));
        Assert.Equal(1, pointer[8]);  // Length in paragraphs.
        Assert.Equal(4, pointer[9]);  // Spec 1.4.
        Assert.Equal(0, Sum(pointer));

        var (address, config) = Config();
        Assert.Equal(Pointer + 16, address);
        Assert.Equal("PCMP", Encoding.ASCII.GetString(config, 0, 4));
        Assert.Equal(0, Sum(config));
        Assert.Equal(MpTable.Size(cpus) - 16, config.Length);
        Assert.True(address + (ulong)config.Length <= X86Layout.BaseMemoryEnd);
        Assert.Equal(cpus + 1 + 1 + 16 + 2, BitConverter.ToUInt16(config, 34)); // CPUs, bus, I/O APIC, ISA IRQs, LINT0/1.
        Assert.Equal((uint)X86Layout.LocalApic, BitConverter.ToUInt32(config, 36));
    }

    [Fact]
    public void ProcessorEntriesNumberTheApicsAndMarkTheBsp()
    {
        MpTable.Write(_memory, 3);
        var (_, config) = Config();
        for (var cpu = 0; cpu < 3; cpu++)
        {
            var e = config.AsSpan(44 + cpu * 20, 20);
            Assert.Equal(0, e[0]);           // Processor entry.
            Assert.Equal(cpu, e[1]);         // Local APIC id.
            Assert.Equal(cpu == 0 ? 3 : 1, e[3]); // Enabled, and BSP only on the first.
        }
        var bus = config.AsSpan(44 + 3 * 20, 8);
        Assert.Equal(1, bus[0]);
        Assert.Equal("ISA   ", Encoding.ASCII.GetString(bus[2..8]));
        var ioApic = config.AsSpan(44 + 3 * 20 + 8, 8);
        Assert.Equal(2, ioApic[0]);
        Assert.Equal(3, ioApic[1]);          // After the CPUs' APIC ids.
        Assert.Equal((uint)X86Layout.IoApic, BitConverter.ToUInt32(ioApic[4..]));
        var irq5 = config.AsSpan(44 + 3 * 20 + 16 + 5 * 8, 8);
        Assert.Equal([3, 0, 0, 0, 0, 5, 3, 5], irq5.ToArray()); // ISA IRQ 5 → I/O APIC 3 pin 5.
    }

    [Fact]
    public void BiosDataAreaNamesTheEbdaAndBaseMemory()
    {
        MpTable.Write(_memory, 1);
        Assert.Equal(0x9fc0, _memory.Read<ushort>(0x40e));
        Assert.Equal(639, _memory.Read<ushort>(0x413));
    }

    [Fact]
    public void TooManyCpusForTheEbdaAreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MpTable.Write(_memory, 41));

    [Fact]
    public void ChecksumMakesTheSumZero()
    {
        byte[] bytes = [1, 2, 3, 250, 0];
        bytes[4] = FirmwareChecksum.Of(bytes);
        Assert.Equal(0, Sum(bytes));
        Assert.Equal(0, FirmwareChecksum.Of([]));
    }
}
