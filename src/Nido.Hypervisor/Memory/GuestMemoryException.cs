namespace Nido.Hypervisor.Memory;

/// <summary>An access (usually named by the guest) that falls outside guest RAM.</summary>
public sealed class GuestMemoryException(string message) : Exception(message);
