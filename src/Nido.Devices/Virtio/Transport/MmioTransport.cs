using System.Buffers.Binary;
using Nido.Hypervisor.Memory;

namespace Nido.Devices.Virtio.Transport;

/// <summary>
/// The virtio-mmio transport, version 2 (virtio 1.2, section 4.2): a 0x200-byte register window per device,
/// configuration space from 0x100, and one level-triggered interrupt line that stays high while the interrupt
/// status is non-zero. Registers take 32-bit accesses only; anything else reads as zero and is ignored.
/// </summary>
public sealed class MmioTransport : IBusDevice
{
    public const ulong WindowSize = 0x200;
    public const uint Magic = 0x74726976, VendorId = 0x4f44494e; // "virt", "NIDO"

    private readonly IVirtioDevice _device;
    private readonly GuestMemory _memory;
    private readonly IInterruptLine _irq;
    private readonly Action<string>? _log;
    private readonly Queue[] _queues;
    // _lock serialises register accesses (and is held while the device activates or resets); _statusLock
    // guards only the status byte and the broken flag and is never held while calling out, so a device may
    // report NeedsReset under its own locks without a lock-order cycle against a vCPU holding _lock.
    private readonly object _lock = new(), _statusLock = new(), _irqLock = new();
    private uint _deviceFeaturesSel, _driverFeaturesSel, _queueSel, _configGeneration;
    private ulong _driverFeatures;
    private byte _status;
    private uint _interruptStatus;
    private bool _activated, _broken, _irqHigh;

    public MmioTransport(IVirtioDevice device, GuestMemory memory, IInterruptLine irq, Action<string>? log = null)
    {
        _device = device;
        _memory = memory;
        _irq = irq;
        _log = log;
        _queues = [.. device.QueueMaxSizes.Select(max => new Queue(max))];
    }

    public IVirtioDevice Device => _device;

    public byte Status => _status;

    public void Read(ulong offset, Span<byte> data)
    {
        if (offset >= 0x100)
        {
            lock (_lock) _device.ReadConfig((uint)(offset - 0x100), data);
            return;
        }
        data.Clear();
        if (data.Length != 4) return;
        uint value;
        lock (_lock) value = ReadRegister(offset);
        BinaryPrimitives.WriteUInt32LittleEndian(data, value);
    }

    private uint ReadRegister(ulong offset)
    {
        var q = SelectedQueue;
        return offset switch
        {
            0x000 => Magic,
            0x004 => 2,
            0x008 => _device.DeviceType,
            0x00c => VendorId,
            0x010 => _deviceFeaturesSel switch { 0 => (uint)_device.Features, 1 => (uint)(_device.Features >> 32), _ => 0 },
            0x034 => q?.MaxSize ?? 0,
            0x038 => q?.Size ?? 0,
            0x044 => q is { Ready: true } ? 1u : 0,
            0x060 => Volatile.Read(ref _interruptStatus),
            0x070 => _status,
            0x080 => (uint)(q?.DescriptorTable ?? 0),
            0x084 => (uint)((q?.DescriptorTable ?? 0) >> 32),
            0x090 => (uint)(q?.AvailableRing ?? 0),
            0x094 => (uint)((q?.AvailableRing ?? 0) >> 32),
            0x0a0 => (uint)(q?.UsedRing ?? 0),
            0x0a4 => (uint)((q?.UsedRing ?? 0) >> 32),
            0x0fc => _configGeneration,
            _ => 0,
        };
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset >= 0x100)
        {
            lock (_lock)
            {
                _device.WriteConfig((uint)(offset - 0x100), data);
                _configGeneration++;
            }
            return;
        }
        if (data.Length != 4) return;
        var value = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (offset == 0x050)
        {
            Notify(value);
            return;
        }
        if (offset == 0x064)
        {
            Acknowledge(value);
            return;
        }
        lock (_lock) WriteRegister(offset, value);
    }

    private void WriteRegister(ulong offset, uint value)
    {
        var q = SelectedQueue;
        // Queue layout registers are writable only while that queue is not live.
        var queueWritable = q is { Ready: false } && !_activated;
        switch (offset)
        {
            case 0x014: _deviceFeaturesSel = value; break;
            case 0x020 when (_status & VirtioConstants.StatusFeaturesOk) == 0:
                if (_driverFeaturesSel == 0) _driverFeatures = (_driverFeatures & ~0xffffffffUL) | value;
                else if (_driverFeaturesSel == 1) _driverFeatures = (_driverFeatures & 0xffffffffUL) | (ulong)value << 32;
                break;
            case 0x024: _driverFeaturesSel = value; break;
            case 0x030: _queueSel = value; break;
            case 0x038 when queueWritable: q!.Size = (ushort)Math.Min(value, ushort.MaxValue); break;
            case 0x044 when q is not null && !_activated: q.Ready = value == 1; break;
            case 0x070: WriteStatus((byte)value); break;
            case 0x080 when queueWritable: q!.DescriptorTable = Low(q.DescriptorTable, value); break;
            case 0x084 when queueWritable: q!.DescriptorTable = High(q.DescriptorTable, value); break;
            case 0x090 when queueWritable: q!.AvailableRing = Low(q.AvailableRing, value); break;
            case 0x094 when queueWritable: q!.AvailableRing = High(q.AvailableRing, value); break;
            case 0x0a0 when queueWritable: q!.UsedRing = Low(q.UsedRing, value); break;
            case 0x0a4 when queueWritable: q!.UsedRing = High(q.UsedRing, value); break;
        }
    }

    private void WriteStatus(byte value)
    {
        if (value == 0)
        {
            Reset();
            return;
        }
        var adding = (byte)(value & ~_status);
        if ((adding & VirtioConstants.StatusFeaturesOk) != 0)
        {
            // Refuse FEATURES_OK for features never offered, or without VERSION_1 (no legacy interface here).
            var version1 = VirtioConstants.Bit(VirtioConstants.FeatureVersion1);
            if ((_driverFeatures & ~_device.Features) != 0 || (_driverFeatures & version1) == 0)
                value &= unchecked((byte)~VirtioConstants.StatusFeaturesOk);
        }
        lock (_statusLock) _status = (byte)(value | (_status & VirtioConstants.StatusNeedsReset));
        if ((adding & VirtioConstants.StatusDriverOk) != 0 && (_status & VirtioConstants.StatusFeaturesOk) != 0 && !_activated)
            Activate();
    }

    private void Activate()
    {
        _activated = true;
        try
        {
            foreach (var q in _queues.Where(q => q.Ready)) q.Activate(_memory, _driverFeatures);
            _device.Activate(new VirtioContext(_memory, _queues, _driverFeatures, SignalUsed, NeedsReset, ConfigChanged));
        }
        catch (VirtioQueueException e)
        {
            NeedsReset(e.Message);
        }
    }

    private void Notify(uint queue)
    {
        bool live;
        lock (_lock) live = _activated && !Broken && queue < _queues.Length && _queues[queue].Ready;
        if (!live) return;
        try { _device.Notify((int)queue); }
        catch (VirtioQueueException e) { NeedsReset(e.Message); }
        catch (GuestMemoryException e) { NeedsReset(e.Message); }
    }

    private void SignalUsed(int queue)
    {
        if (!_queues[queue].WantsInterrupt()) return;
        Raise(1);
    }

    private void ConfigChanged()
    {
        lock (_lock) _configGeneration++;
        Raise(2);
    }

    private bool Broken
    {
        get { lock (_statusLock) return _broken; }
    }

    private void NeedsReset(string why)
    {
        lock (_statusLock)
        {
            if (_broken) return;
            _broken = true;
            _status |= VirtioConstants.StatusNeedsReset;
        }
        _log?.Invoke($"virtio-mmio {_device.GetType().Name}: {why}; the device stops until the driver resets it");
        Raise(2);
    }

    private void Raise(uint bits)
    {
        lock (_irqLock)
        {
            _interruptStatus |= bits;
            UpdateIrq();
        }
    }

    private void Acknowledge(uint bits)
    {
        lock (_irqLock)
        {
            _interruptStatus &= ~bits;
            // An acknowledgement that leaves a cause pending (one that arrived after the driver read the status)
            // drops and raises the line: an edge-triggered pin (ISA IRQs as MP-table and command-line kernels
            // set them up) would otherwise never see that cause; for a level-triggered pin it changes nothing.
            if (bits != 0 && _interruptStatus != 0 && _irqHigh)
            {
                _irq.Set(false);
                _irq.Set(true);
                return;
            }
            UpdateIrq();
        }
    }

    private void UpdateIrq()
    {
        var high = _interruptStatus != 0;
        if (high == _irqHigh) return;
        _irqHigh = high;
        _irq.Set(high);
    }

    private void Reset()
    {
        _device.Reset();
        foreach (var q in _queues) q.Reset();
        lock (_statusLock)
        {
            _status = 0;
            _broken = false;
        }
        _driverFeatures = 0;
        _deviceFeaturesSel = _driverFeaturesSel = _queueSel = 0;
        _activated = false;
        Acknowledge(uint.MaxValue);
    }

    private Queue? SelectedQueue => _queueSel < _queues.Length ? _queues[_queueSel] : null;

    private static ulong Low(ulong old, uint value) => (old & ~0xffffffffUL) | value;

    private static ulong High(ulong old, uint value) => (old & 0xffffffffUL) | (ulong)value << 32;
}
