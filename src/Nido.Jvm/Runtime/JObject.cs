using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nido.Jvm.Runtime;

/// <summary>
/// A Java object on the .NET heap. Fields are slots laid out by the linker (superclass fields first); its monitor is
/// the .NET monitor of this object. <see cref="Vm"/> holds VM-side data for the few classes that need it (a Class
/// mirror's JClass, a Throwable's backtrace, a Thread's JThread, a MemberName's target…).
/// </summary>
public class JObject
{
    /// <summary>An object without instance fields (java.lang.Object itself, arrays).</summary>
    public JObject(JClass @class) => Class = @class;

    public readonly JClass Class;

    /// <summary>
    /// VM-side data, for the classes that carry it: Class, Thread, ClassLoader, Reference and MemberName and their
    /// subclasses get a hidden slot for it when laid out (<see cref="JClass.VmSlot"/>, as HotSpot injects fields
    /// into them), holding a <see cref="VmBox"/>; a VmBox carries its own (a Throwable's backtrace). A field in every
    /// object would cost 8 bytes of each (a binary-trees node: 64 → 56).
    /// </summary>
    public object? Vm
    {
        get => this is VmBox box ? box.Value : Class.VmSlot is var slot and >= 0 ? (Fields[slot].R as VmBox)?.Value : null;
        set
        {
            if (this is VmBox box) box.Value = value;
            else if (Class.VmSlot is var slot and >= 0) Fields[slot].R = value is null ? null : new VmBox(Class.Vm.ObjectClass, value);
            else throw new InvalidOperationException($"{Class.Name} objects carry no VM data");
        }
    }

    /// <summary>
    /// The field slots, stored in the object after the fields above (<see cref="JObject{TStorage}"/>): every
    /// instantiation puts its storage at the same offset, so no virtual call is needed to find them.
    /// </summary>
    public Span<Slot> Fields
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        // Read as the smallest instantiation: the storage's offset is the same in all (StorageOffset checks it), and
        // a field offset is a constant where a static would cost a load in precompiled code. The count is the
        // class's (objects without storage are of classes without instance fields, arrays included): an int per
        // object would cost 8 bytes of every object with padding.
        get => Class.InstanceSlots is var count and > 0 ? MemoryMarshal.CreateSpan(ref Unsafe.As<JObject<FieldStorage.S1>>(this).First, count) : default;
    }

    /// <summary>
    /// Byte distance from <see cref="Class"/> to the slot storage, the same in every instantiation (checked). The JIT
    /// compiles field accesses to this address plus the slot's offset.
    /// </summary>
    public static readonly nint StorageOffset = MeasureStorageOffset();

    private static nint MeasureStorageOffset()
    {
        var small = JObject<FieldStorage.S1>.Probe();
        var large = JObject<FieldStorage.S47>.Probe();
        if (small != large) throw new InvalidOperationException($"field storage offsets differ ({small} and {large})");
        return small;
    }

    public override string ToString() => $"{Class.Name}@{GetHashCode():x}";
}

/// <summary>A Java object with instance fields: <typeparamref name="TStorage"/> is an inline array of slots.</summary>
public sealed class JObject<TStorage> : JObject where TStorage : struct
{
    private TStorage _storage;

    internal ref Slot First => ref Unsafe.As<TStorage, Slot>(ref _storage);

    internal JObject(JClass @class) : base(@class) { }

    /// <summary>Where the storage lies relative to <see cref="JObject.Class"/>, measured on a throwaway instance.</summary>
    internal static nint Probe()
    {
        var o = new JObject<TStorage>(null!);
        return Unsafe.ByteOffset(ref Unsafe.As<JClass, byte>(ref Unsafe.AsRef(in o.Class)), ref Unsafe.As<TStorage, byte>(ref o._storage));
    }
}

/// <summary>A Java array: the element storage is a plain .NET array, so copies and bounds checks are the runtime's.</summary>
public abstract class JArray(JClass @class, int length) : JObject(@class)
{
    /// <summary>A field, not a virtual property: arraylength in compiled code is a load.</summary>
    public readonly int Length = length;
    public abstract Array Raw { get; }
}

/// <summary>Arrays of one element kind: sbyte for byte[] and boolean[], char, short, int, long, float, double, JObject? for references.</summary>
public sealed class JArray<T>(JClass @class, T[] data) : JArray(@class, data.Length)
{
    public readonly T[] Data = data;
    public override Array Raw => Data;
}

/// <summary>
/// A java.lang.Object that carries VM-side data: the value of a hidden slot (<see cref="JObject.Vm"/>), or on its
/// own (a Throwable's backtrace field). Java code that reaches one sees a plain Object.
/// </summary>
public sealed class VmBox(JClass objectClass, object? value) : JObject(objectClass)
{
    public object? Value = value;
}
