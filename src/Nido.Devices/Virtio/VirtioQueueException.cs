namespace Nido.Devices.Virtio;

/// <summary>The driver broke the queue contract (bad address, loop, bad indirect table): the device stops and needs a reset.</summary>
public sealed class VirtioQueueException(string message) : Exception(message);
