namespace Nido.Devices.Virtio.Block;

/// <summary>A disk as configured: the backing file, read-only, the id the guest reads with GET_ID, and its rate limits.</summary>
public sealed record BlockConfig(string Path, bool ReadOnly = false, string? Id = null, Nido.Devices.RateLimit.RateLimiterConfig? RateLimit = null);
