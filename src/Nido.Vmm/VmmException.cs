namespace Nido.Vmm;

/// <summary>A VM that cannot be built or run as configured; the message names the setting or file and the cause.</summary>
public class VmmException(string message, Exception? inner = null) : Exception(message, inner);
