namespace Nido.Devices.Virtio.Block;

/// <summary>A disk as configured: the backing file, read-only, and the id the guest reads with GET_ID.</summary>
public sealed record BlockConfig(string Path, bool ReadOnly = false, string? Id = null);
