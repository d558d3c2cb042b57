using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>jdk.internal.misc.Unsafe: field/array/native-memory access, CAS, fences, park, class helpers (see UnsafeMemory for offsets).</summary>
internal static unsafe class JdkInternalMiscUnsafe
{
    private const string C = "jdk/internal/misc/Unsafe";

    public static void Register(NativeRegistry r)
    {
        r.AddAny(C, "registerNatives", static (t, a) => default);
        foreach (var suffix in new[] { "", "Volatile" })
        {
            r.Add(C, "getInt" + suffix, "(Ljava/lang/Object;J)I", static (t, a) => Slot.OfInt((int)UnsafeMemory.Get(a[1].R, a[2].J, 4)));
            r.Add(C, "putInt" + suffix, "(Ljava/lang/Object;JI)V", static (t, a) => { UnsafeMemory.Put(a[1].R, a[2].J, 4, a[4].I); Fence(); return default; });
            r.Add(C, "getLong" + suffix, "(Ljava/lang/Object;J)J", static (t, a) => Slot.OfLong(UnsafeMemory.Get(a[1].R, a[2].J, 8)));
            r.Add(C, "putLong" + suffix, "(Ljava/lang/Object;JJ)V", static (t, a) => { UnsafeMemory.Put(a[1].R, a[2].J, 8, a[4].J); Fence(); return default; });
            r.Add(C, "getByte" + suffix, "(Ljava/lang/Object;J)B", static (t, a) => Slot.OfInt((sbyte)UnsafeMemory.Get(a[1].R, a[2].J, 1)));
            r.Add(C, "putByte" + suffix, "(Ljava/lang/Object;JB)V", static (t, a) => { UnsafeMemory.Put(a[1].R, a[2].J, 1, (sbyte)a[4].I); Fence(); return default; });
            r.Add(C, "getBoolean" + suffix, "(Ljava/lang/Object;J)Z", static (t, a) => Slot.OfBool(UnsafeMemory.Get(a[1].R, a[2].J, 1) != 0));
            r.Add(C, "putBoolean" + suffix, "(Ljava/lang/Object;JZ)V", static (t, a) => { UnsafeMemory.Put(a[1].R, a[2].J, 1, a[4].I & 1); Fence(); return default; });
            r.Add(C, "getShort" + suffix, "(Ljava/lang/Object;J)S", static (t, a) => Slot.OfInt((short)UnsafeMemory.Get(a[1].R, a[2].J, 2)));
            r.Add(C, "putShort" + suffix, "(Ljava/lang/Object;JS)V", static (t, a) => { UnsafeMemory.Put(a[1].R, a[2].J, 2, (short)a[4].I); Fence(); return default; });
            r.Add(C, "getChar" + suffix, "(Ljava/lang/Object;J)C", static (t, a) => Slot.OfInt((char)UnsafeMemory.Get(a[1].R, a[2].J, 2)));
            r.Add(C, "putChar" + suffix, "(Ljava/lang/Object;JC)V", static (t, a) => { UnsafeMemory.Put(a[1].R, a[2].J, 2, (char)a[4].I); Fence(); return default; });
            r.Add(C, "getFloat" + suffix, "(Ljava/lang/Object;J)F", static (t, a) => Slot.OfInt((int)UnsafeMemory.Get(a[1].R, a[2].J, 4)));
            r.Add(C, "putFloat" + suffix, "(Ljava/lang/Object;JF)V", static (t, a) => { UnsafeMemory.Put(a[1].R, a[2].J, 4, a[4].I); Fence(); return default; });
            r.Add(C, "getDouble" + suffix, "(Ljava/lang/Object;J)D", static (t, a) => Slot.OfLong(UnsafeMemory.Get(a[1].R, a[2].J, 8)));
            r.Add(C, "putDouble" + suffix, "(Ljava/lang/Object;JD)V", static (t, a) => { UnsafeMemory.Put(a[1].R, a[2].J, 8, a[4].J); Fence(); return default; });
            r.Add(C, "getReference" + suffix, "(Ljava/lang/Object;J)Ljava/lang/Object;", static (t, a) => Slot.OfRef(UnsafeMemory.GetRef(a[1].R!, a[2].J)));
            r.Add(C, "putReference" + suffix, "(Ljava/lang/Object;JLjava/lang/Object;)V", static (t, a) => { UnsafeMemory.PutRef(a[1].R!, a[2].J, a[4].R); Fence(); return default; });
        }
        r.Add(C, "compareAndSetReference", "(Ljava/lang/Object;JLjava/lang/Object;Ljava/lang/Object;)Z",
            static (t, a) => Slot.OfBool(ReferenceEquals(UnsafeMemory.CasRef(a[1].R!, a[2].J, a[4].R, a[5].R), a[4].R)));
        r.Add(C, "compareAndExchangeReference", "(Ljava/lang/Object;JLjava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
            static (t, a) => Slot.OfRef(UnsafeMemory.CasRef(a[1].R!, a[2].J, a[4].R, a[5].R)));
        r.Add(C, "compareAndSetInt", "(Ljava/lang/Object;JII)Z", static (t, a) => Slot.OfBool(UnsafeMemory.CasInt(a[1].R, a[2].J, a[4].I, a[5].I) == a[4].I));
        r.Add(C, "compareAndExchangeInt", "(Ljava/lang/Object;JII)I", static (t, a) => Slot.OfInt(UnsafeMemory.CasInt(a[1].R, a[2].J, a[4].I, a[5].I)));
        r.Add(C, "compareAndSetLong", "(Ljava/lang/Object;JJJ)Z", static (t, a) => Slot.OfBool(UnsafeMemory.CasLong(a[1].R, a[2].J, a[4].J, a[6].J) == a[4].J));
        r.Add(C, "compareAndExchangeLong", "(Ljava/lang/Object;JJJ)J", static (t, a) => Slot.OfLong(UnsafeMemory.CasLong(a[1].R, a[2].J, a[4].J, a[6].J)));
        r.Add(C, "loadFence", "()V", static (t, a) => { Interlocked.MemoryBarrier(); return default; });
        r.Add(C, "storeFence", "()V", static (t, a) => { Interlocked.MemoryBarrier(); return default; });
        r.Add(C, "fullFence", "()V", static (t, a) => { Interlocked.MemoryBarrier(); return default; });
        r.Add(C, "arrayBaseOffset0", "(Ljava/lang/Class;)I", static (t, a) => Slot.OfInt((int)UnsafeMemory.ArrayBase));
        r.Add(C, "arrayIndexScale0", "(Ljava/lang/Class;)I", static (t, a) => Slot.OfInt(UnsafeMemory.Scale(t.Vm.ClassOf(a[1].R!))));
        // A static field has no instance offset, nor an instance field a static one: IllegalArgumentException, as HotSpot.
        r.Add(C, "objectFieldOffset0", "(Ljava/lang/reflect/Field;)J", static (t, a) =>
            Reflect.FieldOf(t, a[1].R!) is { IsStatic: false } f ? Slot.OfLong(f.Slot) : throw t.Vm.Throw("java/lang/IllegalArgumentException", null));
        r.Add(C, "objectFieldOffset1", "(Ljava/lang/Class;Ljava/lang/String;)J", static (t, a) =>
        {
            var c = t.Vm.ClassOf(a[1].R!);
            var name = t.Vm.StringOf(a[2].R);
            var f = c.DeclaredFields.FirstOrDefault(f => f.Name == name && !f.IsStatic) ?? throw t.Vm.Throw("java/lang/InternalError", name);
            return Slot.OfLong(f.Slot);
        });
        r.Add(C, "staticFieldOffset0", "(Ljava/lang/reflect/Field;)J", static (t, a) =>
            Reflect.FieldOf(t, a[1].R!) is { IsStatic: true } f ? Slot.OfLong((long)f.Slot | UnsafeMemory.StaticBit) : throw t.Vm.Throw("java/lang/IllegalArgumentException", null));
        r.Add(C, "staticFieldBase0", "(Ljava/lang/reflect/Field;)Ljava/lang/Object;", static (t, a) => Slot.OfRef(t.Vm.Mirror(Reflect.FieldOf(t, a[1].R!).Owner)));
        r.Add(C, "shouldBeInitialized0", "(Ljava/lang/Class;)Z", static (t, a) => Slot.OfBool(t.Vm.ClassOf(a[1].R!).State != ClassState.Initialized));
        r.Add(C, "ensureClassInitialized0", "(Ljava/lang/Class;)V", static (t, a) => { t.Vm.EnsureInitialized(t, t.Vm.ClassOf(a[1].R!)); return default; });
        r.Add(C, "allocateInstance", "(Ljava/lang/Class;)Ljava/lang/Object;", static (t, a) =>
        {
            var c = t.Vm.ClassOf(a[1].R!);
            if (c.IsInterface || c.IsAbstract || c.IsArray || c.IsPrimitive) throw t.Vm.Throw("java/lang/InstantiationException", c.JavaName);
            t.Vm.EnsureInitialized(t, c);
            return Slot.OfRef(t.Vm.NewObject(c));
        });
        r.Add(C, "throwException", "(Ljava/lang/Throwable;)V", static (t, a) => throw new JavaThrow(a[1].R!));
        r.Add(C, "addressSize0", "()I", static (t, a) => Slot.OfInt(8));
        r.Add(C, "pageSize", "()I", static (t, a) => Slot.OfInt(Environment.SystemPageSize));
        r.Add(C, "allocateMemory0", "(J)J", static (t, a) => Slot.OfLong((long)NativeMemory.Alloc((nuint)Math.Max(1, a[1].J))));
        r.Add(C, "reallocateMemory0", "(JJ)J", static (t, a) => Slot.OfLong((long)NativeMemory.Realloc((void*)a[1].J, (nuint)Math.Max(1, a[3].J))));
        r.Add(C, "freeMemory0", "(J)V", static (t, a) => { NativeMemory.Free((void*)a[1].J); return default; });
        r.Add(C, "setMemory0", "(Ljava/lang/Object;JJB)V", static (t, a) =>
        {
            var length = (int)a[4].J;
            if (a[1].R is JArray arr) UnsafeMemory.ArrayBytes(arr, a[2].J, length).Fill((byte)a[6].I);
            else new Span<byte>((void*)a[2].J, length).Fill((byte)a[6].I);
            return default;
        });
        r.Add(C, "copyMemory0", "(Ljava/lang/Object;JLjava/lang/Object;JJ)V", static (t, a) =>
        {
            var length = (int)a[7].J; // this, srcBase, srcOffset (2 slots), destBase, destOffset (2 slots), bytes
            Bytes(a[1].R, a[2].J, length).CopyTo(Bytes(a[4].R, a[5].J, length));
            return default;
        });
        r.Add(C, "copySwapMemory0", "(Ljava/lang/Object;JLjava/lang/Object;JJJ)V", static (t, a) =>
        {
            var length = (int)a[7].J;
            var size = (int)a[9].J;
            var src = Bytes(a[1].R, a[2].J, length).ToArray();
            for (var i = 0; i < length; i += size) src.AsSpan(i, size).Reverse();
            src.CopyTo(Bytes(a[4].R, a[5].J, length));
            return default;
        });
        r.Add(C, "park", "(ZJ)V", static (t, a) => { Threads.Park(t, a[1].I != 0, a[2].J); return default; });
        r.Add(C, "unpark", "(Ljava/lang/Object;)V", static (t, a) =>
        {
            if (a[1].R?.Vm is JThread target) Threads.Unpark(target);
            return default;
        });
        r.Add(C, "getLoadAverage0", "([DI)I", static (t, a) => Slot.OfInt(-1));
        r.Add(C, "defineClass0", "(Ljava/lang/String;[BIILjava/lang/ClassLoader;Ljava/security/ProtectionDomain;)Ljava/lang/Class;", static (t, a) =>
        {
            var bytes = ((JArray<sbyte>)a[2].R!).Data.AsSpan(a[3].I, a[4].I);
            var name = t.Vm.StringOf(a[1].R)?.Replace('.', '/');
            return Slot.OfRef(t.Vm.Mirror(t.Vm.DefineClass(MemoryMarshal.AsBytes(bytes).ToArray(), a[5].R, name, a[6].R)));
        });
    }

    private static void Fence() => Interlocked.MemoryBarrier();

    private static Span<byte> Bytes(JObject? o, long offset, int length) =>
        o is JArray a ? UnsafeMemory.ArrayBytes(a, offset, length) : new Span<byte>((void*)offset, length);
}
