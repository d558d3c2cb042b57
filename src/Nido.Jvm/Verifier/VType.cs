namespace Nido.Jvm.Verifier;

internal enum VTag : byte { Top, Integer, Float, Long, Double, Long2, Double2, Null, UninitializedThis, Uninitialized, Reference, ReturnAddress }

/// <summary>
/// A verification type (JVMS 4.10.1.2), one slot wide: long and double take two slots, the second a Long2/Double2
/// (HotSpot's long_2nd). References carry their class's internal name or array descriptor; an uninitialized
/// object the offset of its <c>new</c>.
/// </summary>
internal readonly record struct VType(VTag Tag, string? Name = null, int Offset = 0)
{
    public static readonly VType Top = new(VTag.Top), Integer = new(VTag.Integer), Float = new(VTag.Float), Long = new(VTag.Long),
        Double = new(VTag.Double), Long2 = new(VTag.Long2), Double2 = new(VTag.Double2), Null = new(VTag.Null),
        UninitializedThis = new(VTag.UninitializedThis);

    // Written out: the synthesized members go through EqualityComparer<VTag> and <string>, whose code the host's
    // precompiled image lacks for these instantiations (each JIT-compiled at the first verification).
    public bool Equals(VType other) => Tag == other.Tag && Offset == other.Offset && string.Equals(Name, other.Name, StringComparison.Ordinal);
    public override int GetHashCode() => ((int)Tag * 31 + Offset) * 31 + (Name is null ? 0 : Name.GetHashCode(StringComparison.Ordinal));

    public static VType Ref(string name) => new(VTag.Reference, name);
    public static VType Uninitialized(int offset) => new(VTag.Uninitialized, null, offset);
    /// <summary>What jsr pushes (only class files older than 51 have it): the offset of the subroutine it enters.</summary>
    public static VType ReturnAddress(int entry) => new(VTag.ReturnAddress, null, entry);

    public bool IsCategory2 => Tag is VTag.Long or VTag.Double;
    public bool IsSecondHalf => Tag is VTag.Long2 or VTag.Double2;
    /// <summary>The slot that follows a long or double.</summary>
    public VType SecondHalf => Tag == VTag.Long ? Long2 : Double2;
    /// <summary>Anything aload, astore, acmp and monitors accept: initialized or not.</summary>
    public bool IsReference => Tag is VTag.Null or VTag.Reference or VTag.UninitializedThis or VTag.Uninitialized;
    public bool IsArray => Tag == VTag.Reference && Name![0] == '[';

    /// <summary>The type a field descriptor's value has on the stack (first slot).</summary>
    public static VType OfDescriptor(string d) => d[0] switch
    {
        'B' or 'C' or 'S' or 'Z' or 'I' => Integer,
        'F' => Float,
        'J' => Long,
        'D' => Double,
        'L' => Ref(d[1..^1]),
        _ => Ref(d),
    };

    /// <summary>The array class of a class name or array descriptor.</summary>
    public static string ArrayOf(string name) => name[0] == '[' ? "[" + name : "[L" + name + ";";

    /// <summary>As HotSpot prints it in VerifyError reasons.</summary>
    public override string ToString() => Tag switch
    {
        VTag.Top => "top",
        VTag.Integer => "integer",
        VTag.Float => "float",
        VTag.Long => "long",
        VTag.Double => "double",
        VTag.Long2 => "long_2nd",
        VTag.Double2 => "double_2nd",
        VTag.Null => "null",
        VTag.UninitializedThis => "uninitializedThis",
        VTag.Uninitialized => $"uninitialized {Offset}",
        VTag.ReturnAddress => "returnAddress",
        _ => $"'{Name}'",
    };
}
