namespace Nido.Hypervisor;

/// <summary>The hypervisor refused or cannot do what the VMM asked; the message names the call and the cause.</summary>
public class HypervisorException(string message, Exception? inner = null) : Exception(message, inner);
