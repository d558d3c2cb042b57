using Nido.Jvm.ClassFile;
using Nido.Jvm.Natives;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

/// <summary>
/// Signature-polymorphic calls (JVMS 2.9.3). VarHandle access modes on the JDK's field, static-field and array
/// VarHandles are performed here directly on the VM's memory (the handle's fieldOffset/base/abase/ashift, the same
/// addressing as Unsafe), with the call site's types adapted to the handle's.
/// </summary>
internal static partial class MethodHandles
{
    private static readonly object NarrowLock = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JClass, System.Collections.Concurrent.ConcurrentDictionary<(string Mode, int Arity), JMethod?>> AccessMethods = new();

    public static Slot InvokePolymorphic(JThread t, MethodSite site, int argBase)
    {
        var vm = t.Vm;
        var s = t.Stack;
        var (name, descriptor) = (site.Name, site.Descriptor);
        var handle = s[argBase].R ?? throw vm.Throw("java/lang/NullPointerException", null);
        if (!handle.Class.IsSubtypeOf(vm.BootClass("java/lang/invoke/VarHandle"))) return MethodHandleIntrinsics.Invoke(t, site, argBase);
        var parameters = Descriptors.Parameters(descriptor);
        var args = Bootstraps.Compact(s, argBase + 1, parameters);
        var cls = handle.Class.Name;
        var dollar = cls.IndexOf('$');
        var kind = cls[..dollar] switch
        {
            "java/lang/invoke/VarHandleInts" => 'I', "java/lang/invoke/VarHandleLongs" => 'J', "java/lang/invoke/VarHandleReferences" => 'L',
            "java/lang/invoke/VarHandleBooleans" => 'Z', "java/lang/invoke/VarHandleBytes" => 'B', "java/lang/invoke/VarHandleShorts" => 'S',
            "java/lang/invoke/VarHandleChars" => 'C', "java/lang/invoke/VarHandleFloats" => 'F', "java/lang/invoke/VarHandleDoubles" => 'D',
            _ => '\0',
        };
        if (kind == '\0') return ViaAccessMethod(t, site.Caller, handle, name, descriptor, parameters, args);
        var shape = cls[(dollar + 1)..];
        var coordinates = shape.StartsWith("FieldInstance", StringComparison.Ordinal) ? 1
            : shape.StartsWith("FieldStatic", StringComparison.Ordinal) ? 0 : shape == "Array" ? 2 : -1;
        if (coordinates >= 0) CheckAccess(t, handle, shape, kind, name, descriptor, parameters, args, coordinates);
        JObject? baseObject;
        long offset;
        int first;
        if (shape.StartsWith("FieldInstance", StringComparison.Ordinal))
        {
            baseObject = args[0].R ?? throw vm.Throw("java/lang/NullPointerException", null);
            offset = vm.GetField(handle, "fieldOffset").J;
            first = 1;
        }
        else if (shape.StartsWith("FieldStatic", StringComparison.Ordinal))
        {
            baseObject = vm.GetField(handle, "base").R;
            offset = vm.GetField(handle, "fieldOffset").J;
            first = 0;
            var owner = vm.ClassOf(baseObject!);
            if (owner.State != ClassState.Initialized) vm.EnsureInitialized(t, owner);
        }
        else if (shape == "Array")
        {
            var array = args[0].R as JArray ?? throw vm.Throw("java/lang/NullPointerException", null);
            var index = args[1].I;
            if ((uint)index >= (uint)array.Length) throw vm.Throw("java/lang/ArrayIndexOutOfBoundsException", $"Index {index} out of bounds for length {array.Length}");
            baseObject = array;
            offset = vm.GetField(handle, "abase").I + ((long)index << vm.GetField(handle, "ashift").I);
            first = 2;
        }
        else return ViaAccessMethod(t, site.Caller, handle, name, descriptor, parameters, args);
        var type = kind == 'L' ? "Ljava/lang/Object;" : kind.ToString();
        Slot Arg(int i) => AsType(t, site.Caller, args[first + i], parameters[first + i], type);
        var returns = Descriptors.Return(descriptor);
        Slot Result(Slot v) => returns == "V" ? default : AsType(t, site.Caller, v, type, returns);
        var size = kind switch { 'Z' or 'B' => 1, 'S' or 'C' => 2, 'I' or 'F' => 4, _ => 8 };
        var o = baseObject!;
        switch (name)
        {
            case "get" or "getVolatile" or "getAcquire" or "getOpaque":
                return Result(Read(o, offset, kind, size));
            case "set" or "setVolatile" or "setRelease" or "setOpaque":
                Write(o, offset, kind, size, Arg(0));
                return default;
            case "compareAndSet" or "weakCompareAndSet" or "weakCompareAndSetPlain" or "weakCompareAndSetAcquire" or "weakCompareAndSetRelease":
            {
                var expected = Arg(0);
                var witness = Cas(o, offset, kind, size, expected, Arg(1));
                return Slot.OfBool(kind == 'L' ? ReferenceEquals(witness.R, expected.R) : witness.P == Normalize(kind, expected).P);
            }
            case "compareAndExchange" or "compareAndExchangeAcquire" or "compareAndExchangeRelease":
                return Result(Cas(o, offset, kind, size, Arg(0), Arg(1)));
            case "getAndSet" or "getAndSetAcquire" or "getAndSetRelease":
            {
                var value = Arg(0);
                while (true)
                {
                    var old = Read(o, offset, kind, size);
                    var witness = Cas(o, offset, kind, size, old, value);
                    if (kind == 'L' ? ReferenceEquals(witness.R, old.R) : witness.P == old.P) return Result(old);
                }
            }
            default:
                if (name.StartsWith("getAndAdd", StringComparison.Ordinal) || name.StartsWith("getAndBitwise", StringComparison.Ordinal))
                {
                    var operand = Arg(0);
                    while (true)
                    {
                        var old = Read(o, offset, kind, size);
                        var updated = Combine(name, kind, old, operand);
                        var witness = Cas(o, offset, kind, size, old, updated);
                        if (witness.P == old.P) return Result(old);
                    }
                }
                throw vm.Throw("java/lang/UnsupportedOperationException", $"nido: VarHandle.{name}");
        }
    }

    /// <summary>
    /// Any other VarHandle (byte-array and ByteBuffer views, ...): the JDK implements each access mode as a static
    /// method of the handle's class, <c>static T get(VarHandle, coordinates..., values...)</c>, which HotSpot's linkage
    /// calls; this calls it with the call site's arguments adapted to its parameter types.
    /// </summary>
    private static Slot ViaAccessMethod(JThread t, JClass? caller, JObject handle, string name, string descriptor, List<string> parameters, Slot[] args)
    {
        var vm = t.Vm;
        // Found once per handle class, mode and arity: byte-array views run once per word in digests and codecs.
        var found = AccessMethods.GetValue(handle.Class, static _ => new());
        if (!found.TryGetValue((name, parameters.Count), out var access))
        {
            for (var c = handle.Class; c is not null && access is null; c = c.Super)
                access = c.DeclaredMethods.FirstOrDefault(m => m.IsStatic && m.Name == name
                    && m.Descriptor.StartsWith("(Ljava/lang/invoke/VarHandle;", StringComparison.Ordinal)
                    && Descriptors.Parameters(m.Descriptor).Count == parameters.Count + 1);
            found[(name, parameters.Count)] = access;
        }
        if (access is null) throw vm.Throw("java/lang/UnsupportedOperationException", $"nido: VarHandle {handle.Class.JavaName}.{name} is not supported");
        vm.EnsureInitialized(t, access.Owner);
        var targetParameters = Descriptors.Parameters(access.Descriptor);
        var call = new List<Slot>(targetParameters.Count + 4) { Slot.OfRef(handle) };
        for (var i = 0; i < args.Length; i++)
        {
            call.Add(AsType(t, caller, args[i], parameters[i], targetParameters[i + 1]));
            if (targetParameters[i + 1] is "J" or "D") call.Add(default);
        }
        var result = t.Invoke(access, [.. call]);
        var returns = Descriptors.Return(descriptor);
        return returns == "V" ? default : AsType(t, caller, result, Descriptors.Return(access.Descriptor), returns);
    }

    private static Slot Combine(string mode, char kind, Slot old, Slot operand)
    {
        if (mode.StartsWith("getAndAdd", StringComparison.Ordinal))
            return kind switch
            {
                'J' => Slot.OfLong(old.J + operand.J),
                'F' => Slot.OfFloat(old.F + operand.F),
                'D' => Slot.OfDouble(old.D + operand.D),
                _ => Normalize(kind, Slot.OfInt(old.I + operand.I)),
            };
        // getAndBitwiseOr/And/Xor[Acquire|Release]: the operation is the word after "getAndBitwise" ("getAnd" itself holds "And").
        var op = mode["getAndBitwise".Length..];
        var bits = op.StartsWith("Or", StringComparison.Ordinal) ? old.P | operand.P
            : op.StartsWith("And", StringComparison.Ordinal) ? old.P & operand.P : old.P ^ operand.P;
        return Normalize(kind, new Slot { P = bits });
    }

    /// <summary>A primitive value as a slot of its kind stores it (sign/zero extension, float bits as int).</summary>
    private static Slot Normalize(char kind, Slot v) => kind switch
    {
        'Z' => Slot.OfInt(v.I & 1), 'B' => Slot.OfInt((sbyte)v.I), 'S' => Slot.OfInt((short)v.I), 'C' => Slot.OfInt((char)v.I),
        'I' or 'F' => Slot.OfInt(v.I), _ => v,
    };

    private static Slot Read(JObject o, long offset, char kind, int size)
    {
        if (kind == 'L') return Slot.OfRef(UnsafeMemory.GetRef(o, offset));
        Interlocked.MemoryBarrier();
        return Normalize(kind, new Slot { P = UnsafeMemory.Get(o, offset, size) });
    }

    private static void Write(JObject o, long offset, char kind, int size, Slot v)
    {
        if (kind == 'L') UnsafeMemory.PutRef(o, offset, v.R);
        else UnsafeMemory.Put(o, offset, size, Normalize(kind, v).P);
        Interlocked.MemoryBarrier();
    }

    /// <summary>Compare-and-exchange returning the witness value.</summary>
    private static Slot Cas(JObject o, long offset, char kind, int size, Slot expected, Slot value)
    {
        if (kind == 'L') return Slot.OfRef(UnsafeMemory.CasRef(o, offset, expected.R, value.R));
        expected = Normalize(kind, expected);
        value = Normalize(kind, value);
        if (o is not JArray) return Normalize(kind, Slot.OfLong(UnsafeMemory.CasLong(o, offset, expected.P, value.P)));
        switch (size)
        {
            case 8: return Slot.OfLong(UnsafeMemory.CasLong(o, offset, expected.P, value.P));
            case 4: return Slot.OfInt(UnsafeMemory.CasInt(o, offset, expected.I, value.I));
            default:
                // Sub-word array elements: no hardware CAS in .NET; one lock serialises these rare handles.
                lock (NarrowLock)
                {
                    var current = Normalize(kind, new Slot { P = UnsafeMemory.Get(o, offset, size) });
                    if (current.P == expected.P) UnsafeMemory.Put(o, offset, size, value.P);
                    return current;
                }
        }
    }

    public static JObject ResolveConstant(JThread t, JClass cls, int index) =>
        throw t.Vm.Throw("java/lang/UnsupportedOperationException", $"nido: method handle and method type constants are not supported yet ({cls.JavaName} #{index})");

    public static Slot ResolveDynamicConstant(JThread t, JClass cls, int index) =>
        throw t.Vm.Throw("java/lang/UnsupportedOperationException", $"nido: dynamic constants are not supported yet ({cls.JavaName} #{index})");
}
