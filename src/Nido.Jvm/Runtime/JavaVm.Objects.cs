using System.Runtime.CompilerServices;

namespace Nido.Jvm.Runtime;

public sealed partial class JavaVm
{
    public JObject NewObject(JClass c)
    {
        Heap.Account(this, Heap.InstanceBytes(c.InstanceSlots));
        return c.HasFinalizer
            ? NewFinalizable(JThread.Current ?? throw new InvalidOperationException("allocation outside a Java thread"), c)
            : FieldStorage.New(c);
    }

    /// <summary>new, from a Java thread (counted against -Xmx in that thread).</summary>
    public static JObject NewObject(JThread t, JClass c)
    {
        Heap.Account(t, Heap.InstanceBytes(c.InstanceSlots));
        return c.HasFinalizer ? NewFinalizable(t, c) : FieldStorage.New(c);
    }

    /// <summary>
    /// Finalizer.register(o), as HotSpot does for instances of classes with a finalize() (at allocation, as its
    /// -XX:-RegisterFinalizersAtInit): the Finalizer's FinalReference keeps o until the GC finds it otherwise
    /// unreachable; then it is resurrected, queued, and the Finalizer thread calls finalize().
    /// Out of line: inlined into the interpreter loop, the new object held across the call would sit in one of its
    /// stack slots, which the .NET GC reports as live for the whole loop (it has handlers), keeping the object alive.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static JObject NewFinalizable(JThread t, JClass c)
    {
        var o = FieldStorage.New(c);
        var vm = t.Vm;
        if (vm._finalizerRegister is not { } register)
        {
            var finalizer = vm.BootClass("java/lang/ref/Finalizer");
            vm.EnsureInitialized(t, finalizer);
            register = vm._finalizerRegister = finalizer.DeclaredMethod("register", "(Ljava/lang/Object;)V")!;
        }
        t.Invoke(register, Slot.OfRef(o));
        return o;
    }

    private JMethod? _finalizerRegister;

    /// <summary>A new array of <paramref name="component"/> elements (anewarray and reflection).</summary>
    public JArray NewArray(JClass component, int length)
    {
        if (length < 0) throw Throw("java/lang/NegativeArraySizeException", length.ToString());
        // HotSpot's max_array_length: the header takes a few of the 2^31 - 1 words an array could count.
        if (length > int.MaxValue - 2) throw Throw("java/lang/OutOfMemoryError", "Requested array size exceeds VM limit");
        var type = ArrayOf(component);
        if (!component.IsPrimitive)
        {
            Heap.Account(this, 16 + 8L * length);
            return new JArray<JObject?>(type, new JObject?[length]);
        }
        return component.PrimitiveKind switch
        {
            'Z' or 'B' => Alloc<sbyte>(type, length, 1),
            'C' => Alloc<char>(type, length, 2),
            'S' => Alloc<short>(type, length, 2),
            'I' => Alloc<int>(type, length, 4),
            'J' => Alloc<long>(type, length, 8),
            'F' => Alloc<float>(type, length, 4),
            'D' => Alloc<double>(type, length, 8),
            _ => throw Throw("java/lang/IllegalArgumentException", "void array"),
        };
    }

    private JArray<T> Alloc<T>(JClass type, int length, int size)
    {
        Heap.Account(this, 16 + (long)size * length);
        return new JArray<T>(type, new T[length]);
    }

    /// <summary>newarray's atype operand (JVMS 6.5 newarray): 4 boolean … 11 long.</summary>
    public JArray NewPrimitiveArray(int atype, int length) => NewArray(Primitive(atype switch
    {
        4 => 'Z', 5 => 'C', 6 => 'F', 7 => 'D', 8 => 'B', 9 => 'S', 10 => 'I', 11 => 'J',
        _ => throw Throw("java/lang/VerifyError", $"newarray type {atype}"),
    }), length);

    /// <summary>multianewarray: nested arrays for the given dimensions; deeper dimensions stay null.</summary>
    public JArray NewMultiArray(JClass type, ReadOnlySpan<int> lengths)
    {
        foreach (var l in lengths) if (l < 0) throw Throw("java/lang/NegativeArraySizeException", l.ToString());
        return Build(type, lengths.ToArray(), 0);

        JArray Build(JClass t, int[] ls, int d)
        {
            var a = NewArray(t.Component!, ls[d]);
            if (d + 1 < ls.Length && a is JArray<JObject?> refs)
                for (var i = 0; i < refs.Data.Length; i++) refs.Data[i] = Build(t.Component!, ls, d + 1);
            return a;
        }
    }

    /// <summary>A java.nio.DirectByteBuffer over native memory the caller keeps alive (JNI's NewDirectByteBuffer, the jimage map).</summary>
    public JObject NewDirectByteBuffer(JThread t, nint address, int capacity)
    {
        var c = BootClass("java/nio/DirectByteBuffer");
        EnsureInitialized(t, c);
        var buffer = NewObject(c);
        t.Invoke(c.DeclaredMethod("<init>", "(JI)V")!, Slot.OfRef(buffer), Slot.OfLong(address), default, Slot.OfInt(capacity));
        return buffer;
    }

    public JArray<sbyte> NewByteArray(ReadOnlySpan<byte> bytes)
    {
        var a = (JArray<sbyte>)NewArray(Primitive('B'), bytes.Length);
        bytes.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.Data.AsSpan()));
        return a;
    }

    /// <summary>The java.lang.Class object of <paramref name="c"/>, created once (HotSpot's "mirror").</summary>
    public JObject Mirror(JClass c)
    {
        if (c.MirrorObject is { } m) return m;
        var mirror = FieldStorage.New(ClassClass);
        mirror.Vm = c;
        if (c.Loader is not null) SetField(mirror, ClassClass, "classLoader", Slot.OfRef(c.Loader));
        if (c.Component is { } component) SetField(mirror, ClassClass, "componentType", Slot.OfRef(Mirror(component)));
        Interlocked.CompareExchange(ref c.MirrorObject, mirror, null);
        return c.MirrorObject!;
    }

    /// <summary>The class a java.lang.Class object stands for.</summary>
    public JClass ClassOf(JObject mirror) => mirror.Vm as JClass ?? throw Throw("java/lang/InternalError", "not a Class object");

    /// <summary>An instance field by name, looked up once per class (for the VM's own reads of library objects).</summary>
    public JField FieldOf(JClass c, string name)
    {
        for (var k = c; k is not null; k = k.Super)
            foreach (var f in k.DeclaredFields)
                if (f.Name == name && !f.IsStatic) return f;
        throw new InvalidOperationException($"{c.Name} has no field {name}");
    }

    public void SetField(JObject o, JClass c, string name, Slot value) => o.Fields[FieldOf(c, name).Slot] = value;
    public Slot GetField(JObject o, string name) => o.Fields[FieldOf(o.Class, name).Slot];
}
