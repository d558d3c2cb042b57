using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Verifier;

/// <summary>
/// Decodes a StackMapTable (JVMS 4.7.4) into full frames by offset, as HotSpot reads it before type checking: a
/// malformed table is a ClassFormatError ("StackMapTable format error: …"), a frame at no instruction a VerifyError
/// ("StackMapTable error: bad offset"). Frames are stored compressed (a long is one entry); each is expanded to slots
/// here, a long or double followed by its second half.
/// </summary>
internal static class StackMaps
{
    public static Dictionary<int, Frame> Decode(byte[]? table, List<VType> initialLocals, int maxLocals, int maxStack,
        byte[] code, bool[] starts, ConstantPool pool)
    {
        var frames = new Dictionary<int, Frame>();
        if (table is null) return frames;
        var locals = new List<VType>(initialLocals);
        var at = 0;
        int U1() => at < table.Length ? table[at++] : throw Bad("access beyond the end of attribute");
        int U2() => (U1() << 8) | U1();
        VType Info()
        {
            var tag = U1();
            switch (tag)
            {
                case <= 6: return Tags[tag];
                case 7:
                {
                    var index = U2();
                    if (index <= 0 || index >= pool.Count || pool.Tag(index) != ConstantTag.Class) throw Bad("bad class index");
                    return VType.Ref(pool.ClassName(index));
                }
                case 8:
                {
                    var offset = U2();
                    if (offset >= code.Length || !starts[offset] || code[offset] != 0xbb) throw Bad("bad offset for Uninitialized", inMethod: true);
                    return VType.Uninitialized(offset);
                }
                default: throw Bad("bad verification type");
            }
        }
        var count = U2();
        if (count == 0) return frames;
        var previous = -1;
        var parsed = 0;
        long slots = 0;
        while (at < table.Length)
        {
            if (++parsed > count) throw Bad("wrong attribute size");
            var type = U1();
            var stack = new List<VType>();
            int delta;
            if (type < 64) delta = type;
            else if (type < 128) { delta = type - 64; stack.Add(Info()); }
            else
            {
                delta = U2();
                if (type < 247) throw Bad("reserved frame type");
                if (type == 247) stack.Add(Info());
                else if (type < 251)
                {
                    var chop = 251 - type;
                    if (chop > locals.Count) throw Bad("bad type array size", inMethod: true);
                    locals.RemoveRange(locals.Count - chop, chop);
                }
                else if (type > 251 && type < 255) { for (var k = 0; k < type - 251; k++) locals.Add(Info()); }
                else if (type == 255)
                {
                    locals.Clear();
                    for (int k = 0, n = U2(); k < n; k++) locals.Add(Info());
                    if (Slots(locals) > maxLocals) throw Bad("bad type array size", inMethod: true);
                    for (int k = 0, n = U2(); k < n; k++) stack.Add(Info());
                }
            }
            if (Slots(locals) > maxLocals || Slots(stack) > maxStack) throw Bad("bad type array size", inMethod: true);
            var offset = previous < 0 ? delta : previous + delta + 1;
            previous = offset;
            // Frames are kept expanded; a table of thousands of frames over huge max_locals/max_stack is refused
            // rather than allowed to exhaust memory.
            slots += maxLocals + maxStack;
            if (slots > MaxSlots) throw Bad($"needs more than {MaxSlots} slots");
            var frame = new Frame(maxLocals, maxStack);
            Expand(locals, frame.Locals, out frame.LocalsSize);
            Expand(stack, frame.Stack, out frame.Sp);
            frame.ThisUninitialized = HasUninitializedThis(locals) || HasUninitializedThis(stack);
            if (offset >= code.Length || !starts[offset])
                throw new VerifyException("StackMapTable error: bad offset", 0, "Invalid stackmap specification.") { Current = frame, CurrentBci = offset };
            frames.Add(offset, frame);
        }
        if (parsed != count) throw Bad("wrong attribute size");
        return frames;
    }

    // A loop, not List.Contains: that builds EqualityComparer<VType>, which the host's precompiled image lacks.
    private static bool HasUninitializedThis(List<VType> types)
    {
        foreach (var type in types)
            if (type.Tag == VTag.UninitializedThis) return true;
        return false;
    }

    private static readonly VType[] Tags =
        [VType.Top, VType.Integer, VType.Float, VType.Double, VType.Long, VType.Null, VType.UninitializedThis];

    private const long MaxSlots = 8_000_000;

    private static long Slots(List<VType> types) => types.Sum(t => t.IsCategory2 ? 2L : 1L);

    /// <summary>Compressed types (a long is one entry) into slots, the rest Top; the sizes were checked against the slots.</summary>
    internal static void Expand(List<VType> compressed, VType[] slots, out int used)
    {
        used = 0;
        foreach (var t in compressed)
        {
            slots[used++] = t;
            if (t.IsCategory2) slots[used++] = t.SecondHalf;
        }
        for (var i = used; i < slots.Length; i++) slots[i] = VType.Top;
    }

    /// <summary>A format error; HotSpot names the method after some (those its verifier raises, not its table reader).</summary>
    private static VerifierFormatException Bad(string reason, bool inMethod = false) => new("StackMapTable format error: " + reason, inMethod);
}

/// <summary>A malformed StackMapTable or exception table: HotSpot throws ClassFormatError with this message (and maybe the method), no details.</summary>
internal sealed class VerifierFormatException(string message, bool inMethod) : Exception(message)
{
    public bool InMethod { get; } = inMethod;
}
