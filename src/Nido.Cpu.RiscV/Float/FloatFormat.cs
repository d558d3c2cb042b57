namespace Nido.Cpu.RiscV.Float;

/// <summary>
/// Describes an IEEE-754 binary interchange format to the generic soft-float core. The formats are
/// structs so that each generic instantiation is specialised and these members fold to constants.
/// Bit patterns travel as ulong in both formats (binary32 in the low 32 bits).
/// </summary>
internal interface IFloatFormat
{
    /// <summary>Stored fraction bits (precision − 1).</summary>
    static abstract int MantBits { get; }
    static abstract int Bias { get; }
    static abstract ulong SignBit { get; }
    /// <summary>The exponent field in place, all ones: also the bit pattern of +∞.</summary>
    static abstract ulong ExpMask { get; }
    static abstract ulong CanonicalNaN { get; }
}

internal readonly struct Binary32 : IFloatFormat
{
    public static int MantBits => 23;
    public static int Bias => 127;
    public static ulong SignBit => 0x8000_0000;
    public static ulong ExpMask => 0x7F80_0000;
    public static ulong CanonicalNaN => 0x7FC0_0000;
}

internal readonly struct Binary64 : IFloatFormat
{
    public static int MantBits => 52;
    public static int Bias => 1023;
    public static ulong SignBit => 0x8000_0000_0000_0000;
    public static ulong ExpMask => 0x7FF0_0000_0000_0000;
    public static ulong CanonicalNaN => 0x7FF8_0000_0000_0000;
}
