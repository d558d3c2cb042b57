namespace Nido.Jvm.ClassFile;

/// <summary>The Code attribute: bytecode, exception table (ranges inside the code), and LineNumberTable.</summary>
internal static class CodeReader
{
    public static CodeAttribute Read(ref ClassReader r, ConstantPool pool, string method, string owner)
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
        var rows = new List<(int Pc, int Line)>();
        var locals = new List<LocalVariable>();
        byte[]? stackMap = null;
        for (int i = 0, n = r.U2(); i < n; i++)
        {
            var name = ClassFileParser.Attribute(ref r, pool, out var body);
            if (name == "LocalVariableTable")
            {
                var v = new ClassReader(body);
                for (int k = 0, m = v.U2(); k < m; k++)
                {
                    int start = v.U2(), span = v.U2(), nameIndex = v.U2();
                    v.U2(); // descriptor
                    int slot = v.U2();
                    if (start + span > length || slot >= maxLocals) throw new ClassFormatException($"Invalid LocalVariableTable entry in method {method}");
                    locals.Add(new LocalVariable(start, span, ClassFileParser.Index(pool, nameIndex, ConstantTag.Utf8) is var ni ? pool.Utf8(ni) : "", slot));
                }
                ClassFileParser.End(ref v, name, method);
                continue;
            }
            if (name == "StackMapTable")
            {
                stackMap = body.ToArray(); // decoded by the verifier, which reports its errors as VerifyErrors
                continue;
            }
            if (name != "LineNumberTable") continue;
            var a = new ClassReader(body);
            for (int k = 0, m = a.U2(); k < m; k++)
            {
                int pc = a.U2(), line = a.U2();
                if (pc >= length) throw new ClassFormatException($"Invalid pc in LineNumberTable in method {method}");
                rows.Add((pc, line));
            }
            ClassFileParser.End(ref a, name, method);
        }
        rows.Sort((x, y) => x.Pc.CompareTo(y.Pc));
        return new CodeAttribute(maxStack, maxLocals, code, handlers, rows.Select(x => x.Pc).ToArray(), rows.Select(x => x.Line).ToArray(),
            locals.Count == 0 ? null : locals.ToArray()) { StackMapTable = stackMap };
    }
}
