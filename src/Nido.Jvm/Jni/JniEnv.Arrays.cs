using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using Nido.Jvm.Natives;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

// Arrays. Java's primitive arrays are .NET arrays of the same element layout (boolean as one byte).
// Get<Type>ArrayElements hands out a copy as HotSpot does (libraries rely on JNI_ABORT discarding their writes);
// GetPrimitiveArrayCritical pins the array and hands out its storage until the matching release; regions are copied.
internal static unsafe partial class JniEnv
{
    private static readonly Dictionary<nint, (GCHandle Handle, int Count)> Pins = [];
    private static readonly Dictionary<nint, Array> Copies = [];

    private static void FillArrays(nint* t)
    {
        t[171] = (nint)(delegate* unmanaged<nint, nint, int>)&GetArrayLength;
        t[172] = (nint)(delegate* unmanaged<nint, int, nint, nint, nint>)&NewObjectArray;
        t[173] = (nint)(delegate* unmanaged<nint, nint, int, nint>)&GetObjectArrayElement;
        t[174] = (nint)(delegate* unmanaged<nint, nint, int, nint, void>)&SetObjectArrayElement;
        t[175] = (nint)(delegate* unmanaged<nint, int, nint>)&NewBooleanArray;
        t[176] = (nint)(delegate* unmanaged<nint, int, nint>)&NewByteArray;
        t[177] = (nint)(delegate* unmanaged<nint, int, nint>)&NewCharArray;
        t[178] = (nint)(delegate* unmanaged<nint, int, nint>)&NewShortArray;
        t[179] = (nint)(delegate* unmanaged<nint, int, nint>)&NewIntArray;
        t[180] = (nint)(delegate* unmanaged<nint, int, nint>)&NewLongArray;
        t[181] = (nint)(delegate* unmanaged<nint, int, nint>)&NewFloatArray;
        t[182] = (nint)(delegate* unmanaged<nint, int, nint>)&NewDoubleArray;
        for (var i = 0; i < 8; i++)
        {
            t[183 + i] = (nint)(delegate* unmanaged<nint, nint, byte*, void*>)&GetArrayElements;
            t[191 + i] = (nint)(delegate* unmanaged<nint, nint, void*, int, void>)&ReleaseArrayElements;
            t[199 + i] = (nint)(delegate* unmanaged<nint, nint, int, int, void*, void>)&GetArrayRegion;
            t[207 + i] = (nint)(delegate* unmanaged<nint, nint, int, int, void*, void>)&SetArrayRegion;
        }
        t[222] = (nint)(delegate* unmanaged<nint, nint, byte*, void*>)&GetCritical;
        t[223] = (nint)(delegate* unmanaged<nint, nint, void*, int, void>)&ReleaseCritical;
    }

    private static JArray ArrayOf(nint array) =>
        NonNull(array, "array") as JArray ?? throw Thread.Vm.Throw("java/lang/IllegalArgumentException", "not an array");

    /// <summary>A primitive array's storage and element size.</summary>
    private static (Array Raw, int ElementSize) Primitive(nint array)
    {
        var a = ArrayOf(array);
        if (!a.Class.Component!.IsPrimitive) throw Thread.Vm.Throw("java/lang/IllegalArgumentException", $"{a.Class.JavaName} is not a primitive array");
        return (a.Raw, UnsafeMemory.Scale(a.Class));
    }

    [UnmanagedCallersOnly]
    private static int GetArrayLength(nint env, nint array)
    {
        try { return ArrayOf(array).Length; }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static nint NewObjectArray(nint env, int length, nint elementClass, nint initial)
    {
        try
        {
            var array = (JArray<JObject?>)Thread.Vm.NewArray(ClassOf(elementClass), length);
            if (JniRefs.Resolve(initial) is { } init) Array.Fill(array.Data, init);
            return JniRefs.Local(array);
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    private static JArray<JObject?> ObjectArray(nint array, int index)
    {
        var a = ArrayOf(array) as JArray<JObject?> ?? throw Thread.Vm.Throw("java/lang/IllegalArgumentException", "not an object array");
        if ((uint)index >= (uint)a.Length)
            throw Thread.Vm.Throw("java/lang/ArrayIndexOutOfBoundsException", $"Index {index} out of bounds for length {a.Length}");
        return a;
    }

    [UnmanagedCallersOnly]
    private static nint GetObjectArrayElement(nint env, nint array, int index)
    {
        try { return JniRefs.Local(ObjectArray(array, index).Data[index]); }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static void SetObjectArrayElement(nint env, nint array, int index, nint value)
    {
        try
        {
            var a = ObjectArray(array, index);
            var v = JniRefs.Resolve(value);
            if (v is not null && !v.Class.IsSubtypeOf(a.Class.Component!))
                throw Thread.Vm.Throw("java/lang/ArrayStoreException", $"type mismatch: can not store {v.Class.JavaName} to {a.Class.Component!.JavaName}[]");
            a.Data[index] = v;
        }
        catch (Exception e) { Raise(e); }
    }

    private static nint NewPrimitiveArray(char kind, int length)
    {
        try
        {
            var vm = Thread.Vm;
            return JniRefs.Local(vm.NewArray(vm.Primitive(kind), length));
        }
        catch (Exception e) { Raise(e); return 0; }
    }

    [UnmanagedCallersOnly] private static nint NewBooleanArray(nint env, int length) => NewPrimitiveArray('Z', length);
    [UnmanagedCallersOnly] private static nint NewByteArray(nint env, int length) => NewPrimitiveArray('B', length);
    [UnmanagedCallersOnly] private static nint NewCharArray(nint env, int length) => NewPrimitiveArray('C', length);
    [UnmanagedCallersOnly] private static nint NewShortArray(nint env, int length) => NewPrimitiveArray('S', length);
    [UnmanagedCallersOnly] private static nint NewIntArray(nint env, int length) => NewPrimitiveArray('I', length);
    [UnmanagedCallersOnly] private static nint NewLongArray(nint env, int length) => NewPrimitiveArray('J', length);
    [UnmanagedCallersOnly] private static nint NewFloatArray(nint env, int length) => NewPrimitiveArray('F', length);
    [UnmanagedCallersOnly] private static nint NewDoubleArray(nint env, int length) => NewPrimitiveArray('D', length);

    /// <summary>Get&lt;Type&gt;ArrayElements: a copy in native memory (isCopy true, as HotSpot), written back by Release unless JNI_ABORT.</summary>
    [UnmanagedCallersOnly]
    private static void* GetArrayElements(nint env, nint array, byte* isCopy)
    {
        try
        {
            var (raw, _) = Primitive(array);
            var bytes = (nuint)Buffer.ByteLength(raw);
            var copy = NativeMemory.Alloc(Math.Max(bytes, 1));
            fixed (byte* data = &MemoryMarshal.GetArrayDataReference(raw)) Buffer.MemoryCopy(data, copy, bytes, bytes);
            lock (Copies) Copies[(nint)copy] = raw;
            if (isCopy is not null) *isCopy = 1;
            return copy;
        }
        catch (Exception e) { Raise(e); return null; }
    }

    [UnmanagedCallersOnly]
    private static void ReleaseArrayElements(nint env, nint array, void* elements, int mode)
    {
        const int Commit = 1, Abort = 2;
        Array? raw;
        lock (Copies)
        {
            if (!Copies.TryGetValue((nint)elements, out raw)) return;
            if (mode != Commit) Copies.Remove((nint)elements);
        }
        if (mode != Abort)
        {
            long bytes = Buffer.ByteLength(raw);
            fixed (byte* data = &MemoryMarshal.GetArrayDataReference(raw)) Buffer.MemoryCopy(elements, data, bytes, bytes);
        }
        if (mode != Commit) NativeMemory.Free(elements);
    }

    /// <summary>GetPrimitiveArrayCritical: the array itself, pinned until the matching release (isCopy false).</summary>
    [UnmanagedCallersOnly]
    private static void* GetCritical(nint env, nint array, byte* isCopy)
    {
        try
        {
            var (raw, _) = Primitive(array);
            var handle = GCHandle.Alloc(raw, GCHandleType.Pinned);
            var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(raw));
            lock (Pins)
            {
                if (Pins.TryGetValue(address, out var pin)) { handle.Free(); Pins[address] = (pin.Handle, pin.Count + 1); }
                else Pins[address] = (handle, 1);
            }
            if (isCopy is not null) *isCopy = 0;
            return (void*)address;
        }
        catch (Exception e) { Raise(e); return null; }
    }

    [UnmanagedCallersOnly]
    private static void ReleaseCritical(nint env, nint array, void* elements, int mode)
    {
        const int Commit = 1; // JNI_COMMIT: the elements stay valid
        if (mode == Commit) return;
        lock (Pins)
        {
            if (!Pins.TryGetValue((nint)elements, out var pin)) return;
            if (pin.Count > 1) Pins[(nint)elements] = (pin.Handle, pin.Count - 1);
            else { pin.Handle.Free(); Pins.Remove((nint)elements); }
        }
    }

    [UnmanagedCallersOnly]
    private static void GetArrayRegion(nint env, nint array, int start, int length, void* buf) => CopyRegion(array, start, length, buf, toArray: false);

    [UnmanagedCallersOnly]
    private static void SetArrayRegion(nint env, nint array, int start, int length, void* buf) => CopyRegion(array, start, length, buf, toArray: true);

    private static void CopyRegion(nint array, int start, int length, void* buf, bool toArray)
    {
        try
        {
            var (raw, size) = Primitive(array);
            CheckRegion(start, length, raw.Length, "Array");
            var bytes = (long)length * size;
            fixed (byte* data = &MemoryMarshal.GetArrayDataReference(raw))
            {
                var element = data + (long)start * size;
                if (toArray) Buffer.MemoryCopy(buf, element, bytes, bytes);
                else Buffer.MemoryCopy(element, buf, bytes, bytes);
            }
        }
        catch (Exception e) { Raise(e); }
    }
}
