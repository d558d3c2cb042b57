using Nido.Devices.RateLimit;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Nido.Devices.Virtio.Block;

/// <summary>Request counters of one virtio-blk device (read by the API's /metrics).</summary>
public sealed class BlockCounters
{
    public long ReadCount, WriteCount, FlushCount, ReadBytes, WriteBytes;

    /// <summary>The counters under Firecracker's metric names.</summary>
    public (string Name, long Value)[] Snapshot() =>
        [("read_count", ReadCount), ("write_count", WriteCount), ("flush_count", FlushCount), ("read_bytes", ReadBytes), ("write_bytes", WriteBytes)];
}

/// <summary>
/// virtio-blk (id 2) on a raw file: read, write, flush (fdatasync) and GET_ID, in 512-byte sectors. Requests
/// are served on the notifying vCPU's thread. A request outside the disk or a write to a read-only disk gets
/// IOERR; an unknown type gets UNSUPP; a malformed chain stops the device (the transport reports it).
/// </summary>
public sealed class VirtioBlock : IVirtioDevice, IDisposable
{
    public const int SectorSize = 512;
    private const int FeatureSegMax = 2, FeatureReadOnly = 5, FeatureBlockSize = 6, FeatureFlush = 9;
    private const uint TypeIn = 0, TypeOut = 1, TypeFlush = 4, TypeGetId = 8;
    private const byte StatusOk = 0, StatusIoErr = 1, StatusUnsupported = 2;
    private const ushort QueueSize = 256;

    private SafeFileHandle _file;
    private BlockConfig _config;
    private readonly byte[] _configSpace = new byte[24];
    private readonly object _lock = new();
    private VirtioContext? _context;

    public VirtioBlock(BlockConfig config)
    {
        _config = config;
        _file = Open(config);
        Limiter = new RateLimiter(config.RateLimit);
        Capacity = (ulong)RandomAccess.GetLength(_file) / SectorSize;
        BinaryPrimitives.WriteUInt64LittleEndian(_configSpace, Capacity);
        BinaryPrimitives.WriteUInt32LittleEndian(_configSpace.AsSpan(12), QueueSize - 2); // seg_max: header and status take two.
        BinaryPrimitives.WriteUInt32LittleEndian(_configSpace.AsSpan(20), SectorSize);
    }

    private static SafeFileHandle Open(BlockConfig config)
    {
        try
        {
            return File.OpenHandle(config.Path, FileMode.Open, config.ReadOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"disk {config.Path}: {e.Message}", e);
        }
    }

    /// <summary>Disk size in sectors (a partial last sector is not visible).</summary>
    public ulong Capacity { get; private set; }

    public BlockCounters Counters { get; } = new();

    /// <summary>Requests and bytes per second the guest may use (Firecracker's rate_limiter); changeable live.</summary>
    public RateLimiter Limiter { get; }

    public string Path => _config.Path;

    /// <summary>
    /// Swaps the backing file under a running guest (Firecracker's PATCH /drives) and tells the driver the
    /// configuration changed, so it rereads the capacity. Requests are served under the same lock, so each one sees one file.
    /// </summary>
    public void ReplaceBackingFile(string path)
    {
        var config = _config with { Path = path };
        var file = Open(config);
        SafeFileHandle old;
        lock (_lock)
        {
            old = _file;
            _file = file;
            _config = config;
            Capacity = (ulong)RandomAccess.GetLength(file) / SectorSize;
            BinaryPrimitives.WriteUInt64LittleEndian(_configSpace, Capacity);
        }
        old.Dispose();
        _context?.ConfigChanged();
    }

    public uint DeviceType => VirtioConstants.DeviceBlock;

    public ulong Features =>
        VirtioConstants.Bit(VirtioConstants.FeatureVersion1) | VirtioConstants.Bit(VirtioConstants.FeatureIndirectDesc)
        | VirtioConstants.Bit(FeatureSegMax) | VirtioConstants.Bit(FeatureBlockSize) | VirtioConstants.Bit(FeatureFlush)
        | (_config.ReadOnly ? VirtioConstants.Bit(FeatureReadOnly) : 0);

    public IReadOnlyList<ushort> QueueMaxSizes { get; } = [QueueSize];

    public void ReadConfig(uint offset, Span<byte> data)
    {
        data.Clear();
        lock (_lock)
        if (offset < _configSpace.Length)
            _configSpace.AsSpan((int)offset, Math.Min(data.Length, _configSpace.Length - (int)offset)).CopyTo(data);
    }

    public void WriteConfig(uint offset, ReadOnlySpan<byte> data) { } // Nothing writable without CONFIG_WCE.

    public void Activate(VirtioContext context) => _context = context;

    public void Reset() => _context = null;

    public void Notify(int queue)
    {
        if (_context is not { } c) return;
        lock (_lock)
        {
            var q = c.Queues[0];
            var any = false;
            while (q.TryPop(out var chain))
            {
                // Held back: the request stays in the ring and the limiter notifies again when it can pay.
                if (!Limiter.TryConsume(DataBytes(chain), () => c.Guarded(() => Notify(0))))
                {
                    q.UndoPop();
                    break;
                }
                var written = Serve(c, chain);
                q.AddUsed(chain.Head, written);
                any = true;
            }
            if (any) c.SignalUsed(0);
        }
    }

    /// <summary>What a request moves, for the bandwidth bucket: its buffers less the 16-byte header and the status byte.</summary>
    private static long DataBytes(DescriptorChain chain) => Math.Max(0, chain.Buffers.Sum(b => (long)b.Length) - 17);

    // One request: header (readable, 16 bytes), data, status (the last writable byte). Returns bytes written to the guest.
    private uint Serve(VirtioContext c, DescriptorChain chain)
    {
        var buffers = chain.Buffers;
        if (buffers.Count < 2 || buffers[^1] is not { DeviceWritable: true, Length: >= 1 } statusBuffer)
            throw new VirtioQueueException("block request without a device-writable status byte");
        Span<byte> header = stackalloc byte[16];
        var readable = buffers.TakeWhile(b => !b.DeviceWritable).ToList();
        if (GuestBuffers.Read(c.Memory, readable, header) < 16) throw new VirtioQueueException("block request header shorter than 16 bytes");
        var type = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var sector = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
        // Data is everything between the header and the status byte.
        var data = new List<GuestBuffer>();
        long skip = 16;
        for (var i = 0; i < buffers.Count; i++)
        {
            var b = buffers[i];
            var length = i == buffers.Count - 1 ? b.Length - 1 : b.Length;
            if (skip >= length) { skip -= length; continue; }
            data.Add(new GuestBuffer(b.Address + (ulong)skip, length - (uint)skip, b.DeviceWritable));
            skip = 0;
        }
        uint written = 0;
        byte status;
        try
        {
            (status, written) = type switch
            {
                TypeIn => Transfer(c, data, sector, read: true),
                TypeOut => _config.ReadOnly ? (StatusIoErr, 0u) : Transfer(c, data, sector, read: false),
                TypeFlush => Flush(),
                TypeGetId => (StatusOk, (uint)GuestBuffers.Write(c.Memory, data.Where(d => d.DeviceWritable), IdBytes())),
                _ => (StatusUnsupported, 0u),
            };
        }
        catch (IOException)
        {
            status = StatusIoErr;
        }
        c.Memory.Write(statusBuffer.Address + statusBuffer.Length - 1, status);
        return written + 1;
    }

    private (byte, uint) Transfer(VirtioContext c, List<GuestBuffer> data, ulong sector, bool read)
    {
        if (data.Any(d => d.DeviceWritable != read)) throw new VirtioQueueException($"block {(read ? "read" : "write")} with data buffers of the wrong direction");
        var length = (ulong)GuestBuffers.TotalLength(data);
        if (length % SectorSize != 0) throw new VirtioQueueException($"block request of {length} bytes is not whole sectors");
        if (sector > Capacity || length / SectorSize > Capacity - sector) return (StatusIoErr, 0);
        var offset = (long)(sector * SectorSize);
        uint moved = 0;
        foreach (var d in data)
        {
            var span = c.Memory.GetSpan(d.Address, (int)d.Length);
            if (read)
            {
                var n = RandomAccess.Read(_file, span, offset);
                span[n..].Clear(); // A file shorter than a whole last sector reads as zeros.
                Counters.ReadBytes += d.Length;
            }
            else
            {
                RandomAccess.Write(_file, (ReadOnlySpan<byte>)span, offset);
                Counters.WriteBytes += d.Length;
            }
            offset += d.Length;
            moved += d.Length;
        }
        if (read) Counters.ReadCount++;
        else Counters.WriteCount++;
        return (StatusOk, read ? moved : 0);
    }

    private (byte, uint) Flush()
    {
        RandomAccess.FlushToDisk(_file);
        Counters.FlushCount++;
        return (StatusOk, 0);
    }

    private byte[] IdBytes()
    {
        var id = System.Text.Encoding.ASCII.GetBytes(_config.Id ?? System.IO.Path.GetFileName(_config.Path));
        return id.Length > 20 ? id[..20] : id;
    }

    public void Dispose()
    {
        Limiter.Dispose();
        _file.Dispose();
    }
}
