namespace Nido.Jvm.JImage;

/// <summary>
/// The NUL-free modified UTF-8 bytes of the string at an offset in the image's strings table. Decompressors get
/// strings through this so they can be tested without an image; throws InvalidDataException for a bad offset.
/// </summary>
internal delegate ReadOnlySpan<byte> StringLookup(long offset);
