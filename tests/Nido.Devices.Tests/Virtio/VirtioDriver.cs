using System.Buffers.Binary;
using Nido.Devices.Virtio;
using Nido.Devices.Virtio.Transport;
using Nido.Hypervisor.Memory;

namespace Nido.Devices.Tests.Virtio;

/// <summary>
/// A minimal virtio driver in test code: drives a device through the virtio-mmio registers, lays its queues
/// out in a small guest memory (queue i at 0x10000·(i+1): descriptors, then available ring at +0x1000, used
/// ring at +0x2000) and hands out buffers from 0x80000 up.
/// </summary>
internal sealed class VirtioDriver : IDisposable
{
    public const ulong MemorySize = 4 << 20, BufferBase = 0x80000;
    private ulong _nextBuffer = BufferBase;

    public VirtioDriver(IVirtioDevice device)
    {
        Memory = GuestMemory.Anonymous([(0, MemorySize)]);
        Transport = new MmioTransport(device, Memory, Line);
    }

    public GuestMemory Memory { get; }

    public RecordingLine Line { get; } = new();

    public MmioTransport Transport { get; }

    public DriverQueue[] Queues { get; private set; } = [];

    public uint Read(ulong offset)
    {
        Span<byte> b = stackalloc byte[4];
        Transport.Read(offset, b);
        return BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    public void Write(ulong offset, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Transport.Write(offset, b);
    }

    public ulong DeviceFeatures
    {
        get
        {
            Write(0x14, 0);
            ulong low = Read(0x10);
            Write(0x14, 1);
            return low | (ulong)Read(0x10) << 32;
        }
    }

    /// <summary>The driver side of initialisation (virtio 1.2, 3.1.1); false when the device refused FEATURES_OK.</summary>
    public bool Start(ulong features, params ushort[] queueSizes)
    {
        Write(0x70, 0);
        Write(0x70, 1);
        Write(0x70, 3);
        Write(0x24, 0);
        Write(0x20, (uint)features);
        Write(0x24, 1);
        Write(0x20, (uint)(features >> 32));
        Write(0x70, 11);
        if ((Read(0x70) & 8) == 0) return false;
        Queues = new DriverQueue[queueSizes.Length];
        for (var i = 0; i < queueSizes.Length; i++)
        {
            var q = new DriverQueue(this, i, queueSizes[i], 0x10000UL * (ulong)(i + 1));
            Write(0x30, (uint)i);
            Write(0x38, q.Size);
            Write(0x80, (uint)q.Descriptors);
            Write(0x84, 0);
            Write(0x90, (uint)q.Available);
            Write(0x94, 0);
            Write(0xa0, (uint)q.Used);
            Write(0xa4, 0);
            Write(0x44, 1);
            Queues[i] = q;
        }
        Write(0x70, 15);
        return true;
    }

    public uint Status => Read(0x70);

    public bool NeedsReset => (Status & VirtioConstants.StatusNeedsReset) != 0;

    /// <summary>A fresh zeroed buffer in guest memory.</summary>
    public ulong Allocate(int length)
    {
        var address = _nextBuffer;
        _nextBuffer = (_nextBuffer + (ulong)length + 15) & ~15UL;
        if (_nextBuffer > MemorySize) throw new InvalidOperationException("test guest memory exhausted");
        Memory.GetSpan(address, length).Clear();
        return address;
    }

    public void Dispose() => Memory.Dispose();
}

internal readonly record struct Buffer(ulong Address, uint Length, bool Writable);

/// <summary>One split virtqueue as the driver sees it.</summary>
internal sealed class DriverQueue(VirtioDriver driver, int index, ushort size, ulong baseAddress)
{
    private ushort _nextDescriptor, _availIndex, _usedSeen;

    public ushort Size { get; } = size;
    public ulong Descriptors { get; } = baseAddress;
    public ulong Available { get; } = baseAddress + 0x1000;
    public ulong Used { get; } = baseAddress + 0x2000;

    /// <summary>Writes a chain of descriptors and publishes its head (without notifying); returns the head.</summary>
    public ushort Add(params Buffer[] buffers)
    {
        var head = _nextDescriptor;
        for (var i = 0; i < buffers.Length; i++)
        {
            var d = (ushort)((head + i) % Size);
            var last = i == buffers.Length - 1;
            WriteDescriptor(d, buffers[i].Address, buffers[i].Length, (ushort)((last ? 0 : 1) | (buffers[i].Writable ? 2 : 0)), (ushort)((d + 1) % Size));
        }
        _nextDescriptor = (ushort)((head + buffers.Length) % Size);
        Publish(head);
        return head;
    }

    public void WriteDescriptor(ushort index, ulong address, uint length, ushort flags, ushort next)
    {
        var at = Descriptors + 16UL * index;
        driver.Memory.Write(at, address);
        driver.Memory.Write(at + 8, length);
        driver.Memory.Write(at + 12, flags);
        driver.Memory.Write(at + 14, next);
    }

    /// <summary>Puts <paramref name="head"/> on the available ring and bumps its index.</summary>
    public void Publish(ushort head)
    {
        driver.Memory.Write(Available + 4 + 2UL * (ulong)(_availIndex % Size), head);
        _availIndex++;
        driver.Memory.Write(Available + 2, _availIndex);
    }

    /// <summary>Overwrites the available index with anything (hostile-driver tests).</summary>
    public void SetAvailableIndex(ushort value) => driver.Memory.Write(Available + 2, value);

    public void Notify() => driver.Write(0x50, (uint)index);

    public ushort UsedIndex => driver.Memory.Read<ushort>(Used + 2);

    /// <summary>The next used element, if the device published one.</summary>
    public bool TryTakeUsed(out ushort head, out uint length)
    {
        if (UsedIndex == _usedSeen)
        {
            head = 0;
            length = 0;
            return false;
        }
        var slot = Used + 4 + 8UL * (ulong)(_usedSeen % Size);
        head = (ushort)driver.Memory.Read<uint>(slot);
        length = driver.Memory.Read<uint>(slot + 4);
        _usedSeen++;
        return true;
    }

    /// <summary>Waits (polling) for a used element; fails the test after <paramref name="timeoutMs"/>.</summary>
    public (ushort Head, uint Length) WaitUsed(int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            if (TryTakeUsed(out var head, out var length)) return (head, length);
            if (Environment.TickCount64 > deadline) throw new Xunit.Sdk.XunitException($"queue {index}: nothing used within {timeoutMs} ms");
            Thread.Sleep(1);
        }
    }
}
