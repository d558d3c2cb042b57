namespace Nido.Containers;

/// <summary>A container operation that failed; the message is what runc would say where callers match on it.</summary>
public class ContainerException(string message, Exception? inner = null) : Exception(message, inner);
