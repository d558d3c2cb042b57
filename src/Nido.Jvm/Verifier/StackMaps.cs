using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Verifier;

/// <summary>
/// Decodes a StackMapTable (JVMS 4.7.4) into full frames by offset. Frames are stored compressed (a long is one
/// entry); each is expanded to slots here, a long or double followed by its second half.
/// </summary>
internal static class StackMaps
{
    public static SortedDictionary<int, Frame> Decode(byte[]? table, List<VType> initialLocals, int maxLocals, int maxStack, int codeLength, ConstantPool pool)
    {
        var frames = new SortedDictionary<int, Frame>();
        if (table is null) return frames;
        var locals = new List<VType>(initialLocals);
        var at = 0;
        int U1() => at < table.Length ? table[at++] : throw Bad("StackMapTable is truncated");
        int U2() => (U1() << 8) | U1();
        VType Info()
        {
            var tag = U1();
            return tag switch
            {
                0 => VType.Top, 1 => VType.Integer, 2 => VType.Float, 3 => VType.Double, 4 => VType.Long, 5 => VType.Null,
                6 => VType.UninitializedThis,
                7 => ClassType(pool, U2()),
                8 => VType.Uninitialized(U2()),
                _ => throw Bad($"bad verification type tag {tag}"),
            };
        }
        var count = U2();
        var offset = -1;
        long slots = 0;
        for (var i = 0; i < count; i++)
        {
            var type = U1();
            var stack = new List<VType>();
            int delta;
            if (type < 64) delta = type;
            else if (type < 128) { delta = type - 64; stack.Add(Info()); }
            else if (type < 247) throw Bad($"reserved frame type {type}");
            else if (type == 247) { delta = U2(); stack.Add(Info()); }
            else if (type < 251)
            {
                delta = U2();
                var chop = 251 - type;
                if (chop > locals.Count) throw Bad("chop_frame removes more locals than there are");
                locals.RemoveRange(locals.Count - chop, chop);
            }
            else if (type == 251) delta = U2();
            else if (type < 255) { delta = U2(); for (var k = 0; k < type - 251; k++) locals.Add(Info()); }
            else
            {
                delta = U2();
                locals.Clear();
                for (int k = 0, n = U2(); k < n; k++) locals.Add(Info());
                for (int k = 0, n = U2(); k < n; k++) stack.Add(Info());
            }
            offset = offset < 0 ? delta : offset + delta + 1;
            if (offset >= codeLength) throw Bad($"StackMapTable frame at offset {offset} is past the end of the code");
            var frame = new Frame(maxLocals, maxStack);
            Expand(locals, frame.Locals, out frame.LocalsSize, "locals");
            Expand(stack, frame.Stack, out frame.Sp, "stack");
            frame.ThisUninitialized = locals.Contains(VType.UninitializedThis);
            // Frames are kept expanded; a table of thousands of frames over huge max_locals/max_stack is refused
            // rather than allowed to exhaust memory.
            slots += maxLocals + maxStack;
            if (slots > MaxSlots) throw Bad($"StackMapTable needs more than {MaxSlots} slots");
            if (!frames.TryAdd(offset, frame)) throw Bad($"two StackMapTable frames at offset {offset}");
        }
        if (at != table.Length) throw Bad("StackMapTable has bytes after its frames");
        return frames;
    }

    private const long MaxSlots = 8_000_000;

    public static VType ClassType(ConstantPool pool, int index)
    {
        if (pool.Tag(index) != ConstantTag.Class) throw Bad($"constant pool index {index} is not a class");
        var name = pool.ClassName(index);
        if (name.Length == 0 || name[0] == '[' && (!Descriptors.IsFieldDescriptor(name) || name.StartsWith(new string('[', 256), StringComparison.Ordinal)))
            throw Bad($"illegal class name {name}");
        return VType.Ref(name);
    }

    /// <summary>Compressed types (a long is one entry) into slots, the rest Top.</summary>
    internal static void Expand(List<VType> compressed, VType[] slots, out int used, string what)
    {
        used = 0;
        foreach (var t in compressed)
        {
            var width = t.IsCategory2 ? 2 : 1;
            if (used + width > slots.Length) throw Bad($"StackMapTable {what} exceed max_{(what == "stack" ? "stack" : "locals")}");
            slots[used++] = t;
            if (width == 2) slots[used++] = t.SecondHalf;
        }
        for (var i = used; i < slots.Length; i++) slots[i] = VType.Top;
    }

    private static VerifyException Bad(string reason) => new("StackMapTable format error", 0, reason);
}
