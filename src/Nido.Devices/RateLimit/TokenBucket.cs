using System.Diagnostics;

namespace Nido.Devices.RateLimit;

/// <summary>A bucket of <paramref name="Size"/> tokens refilled in full every <paramref name="RefillTimeMs"/> ms, with a one-time initial credit.</summary>
public sealed record TokenBucketConfig(long Size, long RefillTimeMs, long OneTimeBurst = 0);

/// <summary>
/// Firecracker's token bucket: starts full, refills continuously (Size tokens per RefillTime), spends the
/// one-time burst first. A request larger than the whole bucket passes when the bucket is full and leaves it
/// in debt, so it is paid back in time rather than refused for ever.
/// </summary>
public sealed class TokenBucket
{
    private readonly long _size, _refillNs;
    private readonly Func<long> _clock;
    private long _burst, _last;
    private double _budget;

    /// <param name="clock">Nanoseconds from any fixed point (tests pass their own).</param>
    public TokenBucket(TokenBucketConfig config, Func<long>? clock = null)
    {
        if (config.Size <= 0 || config.RefillTimeMs <= 0) throw new ArgumentException("a token bucket needs a positive size and refill time", nameof(config));
        if (config.OneTimeBurst < 0) throw new ArgumentException("one_time_burst cannot be negative", nameof(config));
        _size = config.Size;
        _refillNs = config.RefillTimeMs * 1_000_000;
        _burst = config.OneTimeBurst;
        _clock = clock ?? MonotonicNanoseconds;
        _budget = _size;
        _last = _clock();
    }

    public static long MonotonicNanoseconds() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    private void Refill()
    {
        var now = _clock();
        _budget = Math.Min(_size, _budget + (now - _last) * (double)_size / _refillNs);
        _last = now;
    }

    public bool CanTake(long tokens)
    {
        Refill();
        return tokens <= _burst + _budget || (tokens > _size && _budget >= _size);
    }

    /// <summary>Spends <paramref name="tokens"/> (after <see cref="CanTake"/> said yes): the burst first, then the budget.</summary>
    public void Take(long tokens)
    {
        Refill();
        var fromBurst = Math.Min(_burst, tokens);
        _burst -= fromBurst;
        _budget -= tokens - fromBurst;
    }

    /// <summary>Nanoseconds until <paramref name="tokens"/> could be taken (0 when they can be now).</summary>
    public long NanosecondsUntil(long tokens)
    {
        Refill();
        var missing = Math.Min(tokens, _size) - _burst - _budget;
        return missing <= 0 ? 0 : (long)Math.Ceiling(missing * _refillNs / _size);
    }
}
