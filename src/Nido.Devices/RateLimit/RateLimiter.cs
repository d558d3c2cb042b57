namespace Nido.Devices.RateLimit;

/// <summary>A device's limits: bytes (bandwidth) and requests (ops); a null bucket does not limit.</summary>
public sealed record RateLimiterConfig(TokenBucketConfig? Bandwidth, TokenBucketConfig? Ops);

/// <summary>One bucket's change in a live update: keep it, remove it, or replace it.</summary>
public readonly record struct BucketUpdate(bool Change, TokenBucketConfig? Bucket)
{
    public static readonly BucketUpdate Keep = new(false, null);
}

/// <summary>
/// The rate limiter a device asks before each request or packet. When the buckets cannot pay, the device puts
/// the work back and the limiter calls it again once they can (one timer, the last retry wins); limits can be
/// replaced while the device runs (Firecracker's PATCH of rate_limiter).
/// </summary>
public sealed class RateLimiter : IDisposable
{
    private readonly object _lock = new();
    private readonly Func<long>? _clock;
    private TokenBucket? _bandwidth, _ops;
    private Timer? _timer;
    private Action? _retry;
    private long _throttled;

    public RateLimiter(RateLimiterConfig? config = null, Func<long>? clock = null)
    {
        _clock = clock;
        _bandwidth = Bucket(config?.Bandwidth);
        _ops = Bucket(config?.Ops);
    }

    /// <summary>Times a request was held back.</summary>
    public long ThrottledEvents => Interlocked.Read(ref _throttled);

    private TokenBucket? Bucket(TokenBucketConfig? config) => config is null ? null : new TokenBucket(config, _clock);

    /// <summary>Takes one op and <paramref name="bytes"/>; otherwise takes nothing, schedules <paramref name="retry"/> for when they are there, and returns false.</summary>
    public bool TryConsume(long bytes, Action retry)
    {
        long wait;
        lock (_lock)
        {
            if ((_ops?.CanTake(1) ?? true) && (_bandwidth?.CanTake(bytes) ?? true))
            {
                _ops?.Take(1);
                _bandwidth?.Take(bytes);
                return true;
            }
            Interlocked.Increment(ref _throttled);
            wait = Math.Max(_ops?.NanosecondsUntil(1) ?? 0, _bandwidth?.NanosecondsUntil(bytes) ?? 0);
            _retry = retry;
            _timer ??= new Timer(_ => Fire());
            _timer.Change(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait / 1e6))), Timeout.InfiniteTimeSpan);
        }
        return false;
    }

    public void Update(BucketUpdate bandwidth, BucketUpdate ops)
    {
        lock (_lock)
        {
            if (bandwidth.Change) _bandwidth = Bucket(bandwidth.Bucket);
            if (ops.Change) _ops = Bucket(ops.Bucket);
            // Work held back under the old limits is retried under the new ones at once.
            if (_retry is not null) _timer?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        Action? retry;
        lock (_lock)
        {
            retry = _retry;
            _retry = null;
        }
        retry?.Invoke();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            _retry = null;
        }
    }
}
