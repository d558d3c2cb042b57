using System.Runtime.InteropServices;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jni;

/// <summary>The System V AMD64 va_list: offsets into the register save area (6 general, then 8 × 16-byte vector registers), then the stack.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VaList
{
    public const int GprBytes = 48, SaveAreaBytes = 176;

    public uint GpOffset;
    public uint FpOffset;
    public byte* Overflow;
    public byte* RegisterSave;
    /// <summary>Where the overflow words a "..." entry copied end (null for a real va_list, whose caller laid out all of them).</summary>
    public byte* OverflowEnd;

    private byte* NextOverflow()
    {
        if (OverflowEnd is not null && Overflow >= OverflowEnd)
            throw new ArgumentException("too many arguments for a \"...\" JNI call (more than 16 stack words); use the V or A form");
        var p = Overflow;
        Overflow += 8;
        return p;
    }

    public long NextInteger()
    {
        long v;
        if (GpOffset < GprBytes) { v = *(long*)(RegisterSave + GpOffset); GpOffset += 8; }
        else v = *(long*)NextOverflow();
        return v;
    }

    public double NextDouble()
    {
        double v;
        if (FpOffset < SaveAreaBytes) { v = *(double*)(RegisterSave + FpOffset); FpOffset += 16; }
        else v = *(double*)NextOverflow();
        return v;
    }
}

/// <summary>
/// The Java arguments of a Call…Method/NewObject in one of JNI's three forms: "..." (a register image laid out as a
/// va_list), a va_list (the V forms) or a jvalue array (the A forms). Varargs promote small ints to int and float to
/// double; jvalue holds each at its own width.
/// </summary>
internal unsafe struct JniArgs
{
    private VaList _va;
    private byte* _values;

    public static JniArgs From(VaList* ap) => new() { _va = *ap };

    public static JniArgs From(byte* jvalues) => new() { _values = jvalues };

    private Slot Next(char kind)
    {
        if (_values is not null)
        {
            var p = _values;
            _values += 8;
            return kind switch
            {
                'Z' => Slot.OfBool(*p != 0),
                'B' => Slot.OfInt(*(sbyte*)p),
                'C' => Slot.OfInt(*(ushort*)p),
                'S' => Slot.OfInt(*(short*)p),
                'I' => Slot.OfInt(*(int*)p),
                'J' => Slot.OfLong(*(long*)p),
                'F' => Slot.OfFloat(*(float*)p),
                'D' => Slot.OfDouble(*(double*)p),
                _ => Slot.OfRef(JniRefs.Resolve(*(nint*)p)),
            };
        }
        return kind switch
        {
            'Z' => Slot.OfBool((byte)_va.NextInteger() != 0),
            'B' => Slot.OfInt((sbyte)_va.NextInteger()),
            'C' => Slot.OfInt((ushort)_va.NextInteger()),
            'S' => Slot.OfInt((short)_va.NextInteger()),
            'I' => Slot.OfInt((int)_va.NextInteger()),
            'J' => Slot.OfLong(_va.NextInteger()),
            'F' => Slot.OfFloat((float)_va.NextDouble()),
            'D' => Slot.OfDouble(_va.NextDouble()),
            _ => Slot.OfRef(JniRefs.Resolve((nint)_va.NextInteger())),
        };
    }

    /// <summary>The call's slots in JVM layout: the receiver (if any), then the parameters of <paramref name="m"/>.</summary>
    public Slot[] Read(JMethod m, JObject? receiver)
    {
        var parameters = Descriptors.Parameters(m.Descriptor);
        var slots = new Slot[m.ArgSlots];
        var i = 0;
        if (!m.IsStatic) slots[i++] = Slot.OfRef(receiver);
        foreach (var p in parameters)
        {
            slots[i++] = Next(p[0]);
            if (p[0] is 'J' or 'D') i++;
        }
        return slots;
    }
}
