using System.Security.Cryptography;
using Nido.Devices.RateLimit;

namespace Nido.Devices.Virtio.Rng;

/// <summary>virtio-rng (entropy device, id 4): fills each device-writable buffer from the host's CSPRNG.</summary>
public sealed class VirtioRng(RateLimiterConfig? limit = null) : IVirtioDevice, IDisposable
{
    private const int MaxRequest = 64 << 10;
    private readonly object _lock = new();
    private VirtioContext? _context;

    /// <summary>Requests and bytes per second (Firecracker's entropy rate_limiter).</summary>
    public RateLimiter Limiter { get; } = new(limit);

    public uint DeviceType => VirtioConstants.DeviceRng;

    public ulong Features => VirtioConstants.Bit(VirtioConstants.FeatureVersion1) | VirtioConstants.Bit(VirtioConstants.FeatureIndirectDesc);

    public IReadOnlyList<ushort> QueueMaxSizes { get; } = [256];

    public void ReadConfig(uint offset, Span<byte> data) => data.Clear();

    public void WriteConfig(uint offset, ReadOnlySpan<byte> data) { }

    public void Activate(VirtioContext context) => _context = context;

    public void Notify(int queue)
    {
        if (_context is not { } c) return;
        lock (_lock) Serve(c);
    }

    private void Serve(VirtioContext c)
    {
        var q = c.Queues[0];
        var any = false;
        while (q.TryPop(out var chain))
        {
            if (!Limiter.TryConsume(Math.Min(GuestBuffers.TotalLength(chain.Writable), MaxRequest), () => c.Guarded(() => Notify(0))))
            {
                q.UndoPop();
                break;
            }
            uint written = 0;
            foreach (var b in chain.Writable)
            {
                // Bounded per request so a driver cannot make one notification run for ever.
                var n = (int)Math.Min(b.Length, (uint)(MaxRequest - written));
                RandomNumberGenerator.Fill(c.Memory.GetSpan(b.Address, n));
                written += (uint)n;
            }
            q.AddUsed(chain.Head, written);
            any = true;
        }
        if (any) c.SignalUsed(0);
    }

    public void Reset() => _context = null;

    public void Dispose() => Limiter.Dispose();
}
