using Nido.Devices.RateLimit;
using Nido.Devices.Tests.Virtio;
using Nido.Devices.Virtio.Block;
using Buffer = Nido.Devices.Tests.Virtio.Buffer;

namespace Nido.Devices.Tests.RateLimit;

public sealed class RateLimiterTests : IDisposable
{
    private const long Ms = 1_000_000;
    private long _now;
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-ratelimit").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private TokenBucket Bucket(long size, long refillMs, long burst = 0) => new(new TokenBucketConfig(size, refillMs, burst), () => _now);

    [Fact]
    public void BucketStartsFullAndRefillsInProportionToTime()
    {
        var b = Bucket(100, 1000);
        Assert.True(b.CanTake(100));
        b.Take(100);
        Assert.False(b.CanTake(1));
        Assert.Equal(10 * Ms, b.NanosecondsUntil(1));
        _now += 500 * Ms;
        Assert.True(b.CanTake(50));
        Assert.False(b.CanTake(51));
        _now += 10_000 * Ms; // Never more than the size.
        Assert.True(b.CanTake(100));
        Assert.False(b.CanTake(101) && b.NanosecondsUntil(101) > 0);
    }

    [Fact]
    public void OneTimeBurstIsSpentFirstAndNotRefilled()
    {
        var b = Bucket(10, 1000, burst: 50);
        Assert.True(b.CanTake(60));
        b.Take(55);
        Assert.True(b.CanTake(5));
        Assert.False(b.CanTake(6));
        _now += 10_000 * Ms;
        b.Take(10); // Refilled to the size only: the burst does not come back.
        Assert.False(b.CanTake(1));
    }

    [Fact]
    public void RequestLargerThanTheBucketPassesWhenFullAndLeavesDebt()
    {
        var b = Bucket(100, 1000);
        Assert.True(b.CanTake(250));
        b.Take(250);
        _now += 1000 * Ms;
        Assert.False(b.CanTake(1)); // Still 50 in debt.
        Assert.Equal(510 * Ms, b.NanosecondsUntil(1));
        _now += 600 * Ms;
        Assert.True(b.CanTake(10));
    }

    [Fact]
    public void InvalidBucketsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Bucket(0, 100));
        Assert.Throws<ArgumentException>(() => Bucket(10, 0));
        Assert.Throws<ArgumentException>(() => Bucket(10, 100, -1));
    }

    [Fact]
    public void LimiterTakesBothBucketsOrNeither()
    {
        using var limiter = new RateLimiter(new RateLimiterConfig(new TokenBucketConfig(1000, 1000), new TokenBucketConfig(2, 1000)), () => _now);
        var retries = 0;
        Assert.True(limiter.TryConsume(600, () => retries++));
        Assert.False(limiter.TryConsume(600, () => retries++)); // Bandwidth short: the op is not spent either.
        Assert.True(limiter.TryConsume(400, () => retries++));
        Assert.False(limiter.TryConsume(0, () => retries++)); // Ops exhausted.
        Assert.Equal(2, limiter.ThrottledEvents);
        limiter.Update(BucketUpdate.Keep, new BucketUpdate(true, null)); // Ops removed live.
        Assert.True(limiter.TryConsume(0, () => retries++));
    }

    [Fact]
    public void ThrottledBlockRequestWaitsInTheRingAndGoesWhenTheLimitIsLifted()
    {
        var disk = Path.Combine(_dir, "d.img");
        File.WriteAllBytes(disk, new byte[4096]);
        // One request per minute: the second of two waits; lifting the limit releases it without waiting.
        using var block = new VirtioBlock(new BlockConfig(disk, RateLimit: new RateLimiterConfig(null, new TokenBucketConfig(1, 60_000))));
        using var driver = new VirtioDriver(block);
        Assert.True(driver.Start(1UL << 32, 8));
        var q = driver.Queues[0];
        for (var i = 0; i < 2; i++)
        {
            var header = driver.Allocate(16);
            driver.Memory.Write(header, 8u); // GET_ID.
            q.Add(new Buffer(header, 16, false), new Buffer(driver.Allocate(20), 20, true), new Buffer(driver.Allocate(1), 1, true));
        }
        q.Notify();
        q.WaitUsed();
        Assert.Equal(1, q.UsedIndex);
        Assert.Equal(1, block.Limiter.ThrottledEvents);
        q.Notify(); // A notification while throttled serves nothing either.
        Assert.Equal(1, q.UsedIndex);
        block.Limiter.Update(BucketUpdate.Keep, new BucketUpdate(true, null));
        q.WaitUsed();
        Assert.Equal(2, q.UsedIndex);
        Assert.False(driver.NeedsReset);
    }
}
