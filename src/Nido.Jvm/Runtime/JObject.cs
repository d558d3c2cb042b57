namespace Nido.Jvm.Runtime;

/// <summary>
/// A Java object on the .NET heap. Fields are slots laid out by the linker (superclass fields first); its monitor is
/// the .NET monitor of this object. <see cref="Vm"/> holds VM-side data for the few classes that need it (a Class
/// mirror's JClass, a Throwable's backtrace, a Thread's JThread, a MemberName's target…).
/// </summary>
public class JObject(JClass @class, int fieldCount)
{
    private static readonly Slot[] NoFields = [];

    public readonly JClass Class = @class;
    public readonly Slot[] Fields = fieldCount == 0 ? NoFields : new Slot[fieldCount];
    public object? Vm;

    public override string ToString() => $"{Class.Name}@{GetHashCode():x}";
}

/// <summary>A Java array: the element storage is a plain .NET array, so copies and bounds checks are the runtime's.</summary>
public abstract class JArray(JClass @class) : JObject(@class, 0)
{
    public abstract int Length { get; }
    public abstract Array Raw { get; }
}

/// <summary>Arrays of one element kind: sbyte for byte[] and boolean[], char, short, int, long, float, double, JObject? for references.</summary>
public sealed class JArray<T>(JClass @class, T[] data) : JArray(@class)
{
    public readonly T[] Data = data;
    public override int Length => Data.Length;
    public override Array Raw => Data;
}
