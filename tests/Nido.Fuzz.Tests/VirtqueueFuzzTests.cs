using Nido.Devices.Tests.Virtio;
using Nido.Devices.Virtio;
using Nido.Devices.Virtio.Block;
using Nido.Devices.Virtio.Console;
using Nido.Devices.Virtio.Net;
using Nido.Devices.Virtio.Rng;

namespace Nido.Fuzz.Tests;

/// <summary>
/// A hostile driver against every virtio device: random descriptor tables (addresses anywhere, huge lengths,
/// loops, indirect flags, wrong directions), random available rings and indices, random register writes.
/// Nothing may escape the transport (on a vCPU thread that would end the VM); the device either serves the
/// requests or reports DEVICE_NEEDS_RESET and comes back after a reset.
/// </summary>
public sealed class VirtqueueFuzzTests : IDisposable
{
    private readonly string _disk = Path.GetTempFileName();

    public VirtqueueFuzzTests() => File.WriteAllBytes(_disk, new byte[64 * 512]);

    public void Dispose() => File.Delete(_disk);

    public static TheoryData<string> Devices => ["blk", "net", "rng", "console"];

    private IVirtioDevice Create(string kind, out IDisposable? owned)
    {
        owned = null;
        switch (kind)
        {
            case "blk": { var d = new VirtioBlock(new BlockConfig(_disk)); owned = d; return d; }
            case "net": { var d = new VirtioNet(new FakeBackend()); owned = d; return d; }
            case "rng": return new VirtioRng();
            default: return new VirtioConsole(Stream.Null);
        }
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void HostileQueuesNeverEscapeTheTransport(string kind)
    {
        var random = FuzzBudget.Random(kind.GetHashCode(StringComparison.Ordinal) & 0xffff);
        var device = Create(kind, out var owned);
        using var driver = new VirtioDriver(device);
        var queues = device.QueueMaxSizes.Select(_ => (ushort)16).ToArray();
        var resets = 0;
        try
        {
            for (var round = 0; round < FuzzBudget.Iterations(2000); round++)
            {
                if (round % 20 == 0 || driver.NeedsReset)
                {
                    if (driver.NeedsReset) resets++;
                    Assert.True(driver.Start(driver.DeviceFeatures, queues), "the device refused its own features");
                }
                var q = driver.Queues[random.Next(driver.Queues.Length)];
                var index = Array.IndexOf(driver.Queues, q);
                for (var i = 0; i < random.Next(1, 6); i++)
                {
                    var head = (ushort)random.Next(q.Size);
                    for (var d = 0; d < q.Size; d++)
                        if (random.Next(3) == 0) q.WriteDescriptor((ushort)d, Address(random), Length(random), (ushort)random.Next(8), (ushort)random.Next(q.Size + 2));
                    if (random.Next(10) == 0) q.SetAvailableIndex((ushort)random.Next(ushort.MaxValue));
                    else q.Publish(head);
                }
                if (random.Next(15) == 0) RandomRegisterWrite(driver, random);
                q.Notify();
                if (kind == "net" && index == 0) Thread.Sleep(0);
                _ = driver.Status;
            }
        }
        finally { owned?.Dispose(); }
        Assert.True(resets >= 0);
    }

    private static ulong Address(Random r) => r.Next(4) switch
    {
        0 => (ulong)r.NextInt64(),                              // Anywhere, mostly outside guest memory.
        1 => VirtioDriver.MemorySize - (ulong)r.Next(1, 64),    // Straddling the end of RAM.
        _ => VirtioDriver.BufferBase + (ulong)r.Next(0x10000),  // Plausible.
    };

    private static uint Length(Random r) => r.Next(4) switch
    {
        0 => (uint)r.NextInt64(uint.MaxValue),
        1 => 0,
        2 => (uint)r.Next(1, 17) * 16,                            // Indirect-table sized.
        _ => (uint)r.Next(1, 4096),
    };

    private static void RandomRegisterWrite(VirtioDriver driver, Random r)
    {
        ulong[] registers = [0x14, 0x20, 0x24, 0x30, 0x38, 0x44, 0x64, 0x70, 0x80, 0x84, 0x90, 0x94, 0xa0, 0xa4, 0x100, 0x104];
        driver.Write(registers[r.Next(registers.Length)], (uint)r.NextInt64(uint.MaxValue));
    }
}
