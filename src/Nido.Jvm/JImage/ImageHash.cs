namespace Nido.Jvm.JImage;

/// <summary>
/// The FNV-style hash jlink's perfect-hash table is built with: over the name's modified UTF-8 bytes,
/// seed = seed * 0x01000193 ^ byte, masked positive. The first probe uses the multiplier as seed; a positive
/// redirect entry gives the seed for the second.
/// </summary>
internal static class ImageHash
{
    public const int Multiplier = 0x01000193;

    public static int Of(ReadOnlySpan<byte> name, int seed = Multiplier)
    {
        unchecked
        {
            foreach (byte b in name) seed = seed * Multiplier ^ b;
        }
        return seed & 0x7FFFFFFF;
    }
}
