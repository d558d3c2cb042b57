namespace Nido.Images;

/// <summary>An image operation that failed; the message names the image, blob or registry and the cause.</summary>
public class ImageException(string message, Exception? inner = null) : Exception(message, inner);
