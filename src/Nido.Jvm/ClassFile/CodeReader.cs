namespace Nido.Jvm.ClassFile;

/// <summary>The Code attribute: bytecode, exception table (ranges inside the code), and LineNumberTable.</summary>
internal static class CodeReader
{
    /// <param name="method">The method's name and descriptor, for messages (formatted only when one is thrown).</param>
    public static CodeAttribute Read(ref ClassReader r, ConstantPool pool, (string Name, string Descriptor) method, string owner)
    {
        var maxStack = r.U2();
        var maxLocals = r.U2();
        var length = r.U4();
        if (length is <= 0 or >= 65536) throw new ClassFormatException($"Invalid method Code length {length} in class file {owner}");
        var code = r.Take(length).ToArray();
        var handlers = new ExceptionHandler[r.U2()];
        for (var i = 0; i < handlers.Length; i++)
        {
            int start = r.U2(), end = r.U2(), handler = r.U2(), type = r.U2();
            // HotSpot's parser checks these; the verifier checks that they fall on instructions.
            if (start >= end || end > length) throw new ClassFormatException($"Illegal exception table range in class file {owner}");
            if (handler >= length) throw new ClassFormatException($"Illegal exception table handler in class file {owner}");
            if (type != 0 && pool.Tag(type) != ConstantTag.Class)
                throw new ClassFormatException($"Catch type in exception table has bad constant type in class file {owner}");
            handlers[i] = new ExceptionHandler(start, end, handler, type);
        }
        // Sized from the attributes' own counts: every method of every loaded class comes through here.
        int[] pcs = [], lines = [];
        LocalVariable[]? locals = null;
        byte[]? stackMap = null;
        for (int i = 0, n = r.U2(); i < n; i++)
        {
            var name = ClassFileParser.Attribute(ref r, pool, out var body);
            if (name == "LocalVariableTable")
            {
                var v = new ClassReader(body);
                var m = v.U2();
                var at = locals?.Length ?? 0;
                Array.Resize(ref locals, at + m);
                for (var k = 0; k < m; k++)
                {
                    int start = v.U2(), span = v.U2(), nameIndex = v.U2();
                    v.U2(); // descriptor
                    int slot = v.U2();
                    if (start + span > length || slot >= maxLocals) throw new ClassFormatException($"Invalid LocalVariableTable entry in method {MethodText(owner, method)}");
                    locals[at + k] = new LocalVariable(start, span, ClassFileParser.Index(pool, nameIndex, ConstantTag.Utf8) is var ni ? pool.Utf8(ni) : "", slot);
                }
                End(ref v, name, owner, method);
                continue;
            }
            if (name == "StackMapTable")
            {
                stackMap = body.ToArray(); // decoded by the verifier, which reports its errors as VerifyErrors
                continue;
            }
            if (name != "LineNumberTable") continue;
            var a = new ClassReader(body);
            var rows = a.U2();
            var before = pcs.Length;
            Array.Resize(ref pcs, before + rows);
            Array.Resize(ref lines, before + rows);
            for (var k = 0; k < rows; k++)
            {
                int pc = a.U2(), line = a.U2();
                if (pc >= length) throw new ClassFormatException($"Invalid pc in LineNumberTable in method {MethodText(owner, method)}");
                pcs[before + k] = pc;
                lines[before + k] = line;
            }
            End(ref a, name, owner, method);
        }
        // Stable, as the list sort it replaces was not guaranteed to be; javac writes the rows in pc order already.
        if (!IsSorted(pcs)) SortByPc(pcs, lines);
        return new CodeAttribute(maxStack, maxLocals, code, handlers, pcs, lines, locals is { Length: > 0 } ? locals : null) { StackMapTable = stackMap };
    }

    private static string MethodText(string owner, (string Name, string Descriptor) method) => $"{owner}.{method.Name}{method.Descriptor}";

    /// <summary>ClassFileParser.End, the method's text formatted only when the attribute's length is wrong.</summary>
    private static void End(ref ClassReader r, string attribute, string owner, (string Name, string Descriptor) method)
    {
        if (r.Remaining != 0) ClassFileParser.End(ref r, attribute, MethodText(owner, method));
    }

    private static bool IsSorted(int[] pcs)
    {
        for (var i = 1; i < pcs.Length; i++)
            if (pcs[i] < pcs[i - 1]) return false;
        return true;
    }

    private static void SortByPc(int[] pcs, int[] lines)
    {
        var order = new int[pcs.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        // By pc, then by position: rows with equal pcs keep the order they were written in.
        Array.Sort(order, (x, y) => pcs[x] != pcs[y] ? pcs[x].CompareTo(pcs[y]) : x.CompareTo(y));
        var p = new int[pcs.Length];
        var l = new int[pcs.Length];
        for (var i = 0; i < order.Length; i++) (p[i], l[i]) = (pcs[order[i]], lines[order[i]]);
        p.CopyTo(pcs, 0);
        l.CopyTo(lines, 0);
    }
}
