using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// Unsafe's (object, offset) addressing on this VM's layout: a field offset is its slot index (statics carry
/// <see cref="StaticBit"/> and use the Class mirror as base), an array offset is <see cref="ArrayBase"/> plus
/// index × element size over the .NET array's bytes, and a null base is a native address.
/// </summary>
internal static unsafe class UnsafeMemory
{
    public const long ArrayBase = 16;
    public const long StaticBit = 1L << 40;

    public static int Scale(JClass arrayClass) => arrayClass.Component!.PrimitiveKind switch
    {
        'Z' or 'B' => 1, 'C' or 'S' => 2, 'I' or 'F' => 4, 'J' or 'D' => 8, _ => 4,
    };

    /// <summary>The slot a field offset names (instance slot of <paramref name="o"/>, or a static of the mirrored class).</summary>
    public static ref Slot FieldSlot(JObject o, long offset)
    {
        if ((offset & StaticBit) != 0) return ref ((JClass)o.Vm!).Statics[(int)(offset & ~StaticBit)];
        return ref o.Fields[(int)offset];
    }

    /// <summary>The bytes of a primitive array from <paramref name="offset"/> on.</summary>
    public static Span<byte> ArrayBytes(JArray a, long offset, int length)
    {
        var bytes = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(a.Raw), Buffer.ByteLength(a.Raw));
        return bytes.Slice((int)(offset - ArrayBase), length);
    }

    public static long Get(JObject? o, long offset, int size)
    {
        if (o is null) return Read((byte*)offset, size);
        if (o is JArray a) fixed (byte* p = ArrayBytes(a, offset, size)) return Read(p, size);
        return FieldSlot(o, offset).P;
    }

    public static void Put(JObject? o, long offset, int size, long value)
    {
        if (o is null) { Write((byte*)offset, size, value); return; }
        if (o is JArray a) { fixed (byte* p = ArrayBytes(a, offset, size)) Write(p, size, value); return; }
        FieldSlot(o, offset).P = value;
    }

    public static JObject? GetRef(JObject o, long offset) =>
        o is JArray<JObject?> a ? Volatile.Read(ref a.Data[(offset - ArrayBase) / 4]) : Volatile.Read(ref FieldSlot(o, offset).R);

    public static void PutRef(JObject o, long offset, JObject? value)
    {
        if (o is JArray<JObject?> a) Volatile.Write(ref a.Data[(offset - ArrayBase) / 4], value);
        else Volatile.Write(ref FieldSlot(o, offset).R, value);
    }

    public static JObject? CasRef(JObject o, long offset, JObject? expected, JObject? value) =>
        o is JArray<JObject?> a
            ? Interlocked.CompareExchange(ref a.Data[(offset - ArrayBase) / 4], value, expected)
            : Interlocked.CompareExchange(ref FieldSlot(o, offset).R, value, expected);

    public static int CasInt(JObject? o, long offset, int expected, int value)
    {
        if (o is null) return Interlocked.CompareExchange(ref *(int*)offset, value, expected);
        if (o is JArray a) fixed (byte* p = ArrayBytes(a, offset, 4)) return Interlocked.CompareExchange(ref *(int*)p, value, expected);
        return (int)Interlocked.CompareExchange(ref FieldSlot(o, offset).P, value, expected);
    }

    public static long CasLong(JObject? o, long offset, long expected, long value)
    {
        if (o is null) return Interlocked.CompareExchange(ref *(long*)offset, value, expected);
        if (o is JArray a) fixed (byte* p = ArrayBytes(a, offset, 8)) return Interlocked.CompareExchange(ref *(long*)p, value, expected);
        return Interlocked.CompareExchange(ref FieldSlot(o, offset).P, value, expected);
    }

    private static long Read(byte* p, int size) => size switch
    {
        1 => *(sbyte*)p, 2 => *(short*)p, 4 => *(int*)p, _ => *(long*)p,
    };

    private static void Write(byte* p, int size, long v)
    {
        switch (size)
        {
            case 1: *p = (byte)v; break;
            case 2: *(short*)p = (short)v; break;
            case 4: *(int*)p = (int)v; break;
            default: *(long*)p = v; break;
        }
    }
}
