namespace Nido.Jvm.ClassFile;

/// <summary>
/// Reads and format-checks a class file (JVMS 4.8): every constant-pool reference is in range and of the right
/// kind, every attribute consumes exactly its length, nothing trails the class. Errors carry HotSpot's wording.
/// </summary>
public static class ClassFileParser
{
    /// <summary>Java 17 reads class files up to version 61 (minor 0, or 0xFFFF for preview features).</summary>
    public const int MaxMajorVersion = 61;

    /// <param name="className">The name the class is defined under (internal form), which HotSpot's early errors name; null when not given.</param>
    public static ClassFile Parse(ReadOnlySpan<byte> data, string? className = null)
    {
        var r = new ClassReader(data);
        var magic = (uint)r.U4();
        var named = className ?? "<Unknown>";
        if (magic != 0xCAFEBABE) throw new ClassFormatException($"Incompatible magic value {magic} in class file {named}");
        var minor = r.U2();
        var major = r.U2();
        const string Unsupported = "java/lang/UnsupportedClassVersionError";
        if (major < 45)
            throw new ClassFormatException($"{named} (class file version {major}.{minor}) was compiled with an invalid major version", Unsupported);
        if (major > MaxMajorVersion)
            throw new ClassFormatException($"{named} has been compiled by a more recent version of the Java Runtime (class file version {major}.{minor}), " +
                $"this version of the Java Runtime only recognizes class file versions up to {MaxMajorVersion}.0", Unsupported);
        if (major >= 56 && minor != 0 && minor != 0xFFFF)
            throw new ClassFormatException($"{named} (class file version {major}.{minor}) was compiled with an invalid non-zero minor version", Unsupported);
        var pool = ReadPool(ref r, named);
        var flags = (AccessFlags)r.U2();
        var name = pool.ClassName(Index(pool, r.U2(), ConstantTag.Class));
        var superIndex = r.U2();
        string? super = superIndex == 0 ? null : pool.ClassName(Index(pool, superIndex, ConstantTag.Class));
        if (super is null && name != "java/lang/Object" && (flags & AccessFlags.Module) == 0)
            throw new ClassFormatException($"Invalid superclass index 0 in class file {name}");
        CheckClassFlags(flags, name);
        var interfaces = new string[r.U2()];
        for (var i = 0; i < interfaces.Length; i++) interfaces[i] = pool.ClassName(Index(pool, r.U2(), ConstantTag.Class));
        var fields = new FieldInfo[r.U2()];
        for (var i = 0; i < fields.Length; i++) fields[i] = ReadField(ref r, pool, name);
        var methods = new MethodInfo[r.U2()];
        for (var i = 0; i < methods.Length; i++) methods[i] = ReadMethod(ref r, pool, name);
        var attributes = ClassAttributes.Read(ref r, pool, name);
        if (r.Remaining != 0) throw new ClassFormatException($"Extra bytes at the end of class file {name}");
        return new ClassFile
        {
            MajorVersion = major, MinorVersion = minor, Pool = pool, Flags = flags, Name = name, SuperName = super,
            Interfaces = interfaces, Fields = fields, Methods = methods, SourceFile = attributes.SourceFile,
            Signature = attributes.Signature, BootstrapMethods = attributes.BootstrapMethods,
            InnerClasses = attributes.InnerClasses, NestHost = attributes.NestHost, NestMembers = attributes.NestMembers,
            PermittedSubclasses = attributes.PermittedSubclasses, RecordComponents = attributes.RecordComponents,
            EnclosingMethod = attributes.EnclosingMethod, VisibleAnnotations = attributes.VisibleAnnotations,
        };
    }

    private static ConstantPool ReadPool(ref ClassReader r, string named)
    {
        var count = r.U2();
        if (count == 0) throw new ClassFormatException($"Illegal constant pool size 0 in class file {named}");
        var tags = new ConstantTag[count];
        var a = new int[count];
        var b = new int[count];
        var values = new object?[count];
        for (var i = 1; i < count; i++)
        {
            var tag = (ConstantTag)r.U1();
            tags[i] = tag;
            switch (tag)
            {
                case ConstantTag.Utf8: values[i] = ModifiedUtf8.Decode(r.Take(r.U2())); break;
                case ConstantTag.Integer: values[i] = r.U4(); break;
                case ConstantTag.Float: values[i] = BitConverter.Int32BitsToSingle(r.U4()); break;
                case ConstantTag.Long:
                case ConstantTag.Double:
                    values[i] = tag == ConstantTag.Long ? (object)r.U8() : BitConverter.Int64BitsToDouble(r.U8());
                    if (++i >= count) throw new ClassFormatException($"Invalid constant pool entry {i - 1}: an 8-byte constant takes the last slot");
                    break;
                case ConstantTag.Class or ConstantTag.String or ConstantTag.MethodType or ConstantTag.Module or ConstantTag.Package:
                    a[i] = r.U2();
                    break;
                case ConstantTag.FieldRef or ConstantTag.MethodRef or ConstantTag.InterfaceMethodRef or ConstantTag.NameAndType
                    or ConstantTag.Dynamic or ConstantTag.InvokeDynamic:
                    a[i] = r.U2();
                    b[i] = r.U2();
                    break;
                case ConstantTag.MethodHandle:
                    a[i] = r.U1();
                    b[i] = r.U2();
                    break;
                default: throw new ClassFormatException($"Unknown constant tag {(byte)tag} in class file {named}");
            }
        }
        var pool = new ConstantPool(tags, a, b, values);
        for (var i = 1; i < count; i++) CheckEntry(pool, i);
        return pool;
    }

    /// <summary>Cross-references: each index names an entry of the kind JVMS 4.4 requires.</summary>
    private static void CheckEntry(ConstantPool pool, int i)
    {
        switch (pool.Tag(i))
        {
            case ConstantTag.Class or ConstantTag.String or ConstantTag.MethodType or ConstantTag.Module or ConstantTag.Package:
                Index(pool, pool.A(i), ConstantTag.Utf8);
                break;
            case ConstantTag.FieldRef or ConstantTag.MethodRef or ConstantTag.InterfaceMethodRef:
                Index(pool, pool.A(i), ConstantTag.Class);
                Index(pool, pool.B(i), ConstantTag.NameAndType);
                break;
            case ConstantTag.NameAndType:
                Index(pool, pool.A(i), ConstantTag.Utf8);
                Index(pool, pool.B(i), ConstantTag.Utf8);
                break;
            case ConstantTag.Dynamic or ConstantTag.InvokeDynamic:
                Index(pool, pool.B(i), ConstantTag.NameAndType);
                break;
            case ConstantTag.MethodHandle:
                var kind = pool.A(i);
                if (kind is < 1 or > 9) throw new ClassFormatException($"Bad method handle kind {kind} at constant pool index {i}");
                var target = pool.Tag(pool.B(i));
                var ok = kind switch
                {
                    <= 4 => target == ConstantTag.FieldRef,
                    5 or 8 => target == ConstantTag.MethodRef,
                    9 => target == ConstantTag.InterfaceMethodRef,
                    _ => target is ConstantTag.MethodRef or ConstantTag.InterfaceMethodRef,
                };
                if (!ok) throw new ClassFormatException($"Bad method handle reference at constant pool index {i}");
                break;
        }
    }

    internal static int Index(ConstantPool pool, int index, ConstantTag tag)
    {
        if (pool.Tag(index) != tag)
            throw new ClassFormatException($"Invalid constant pool index {index}: expected {tag}, found {pool.Tag(index)}");
        return index;
    }

    private static void CheckClassFlags(AccessFlags flags, string name)
    {
        var isInterface = (flags & AccessFlags.Interface) != 0;
        var bad = isInterface
            ? (flags & AccessFlags.Abstract) == 0 || (flags & (AccessFlags.Final | AccessFlags.Super | AccessFlags.Enum)) != 0
            : (flags & AccessFlags.Annotation) != 0 || (flags & (AccessFlags.Final | AccessFlags.Abstract)) == (AccessFlags.Final | AccessFlags.Abstract);
        if (bad && (flags & AccessFlags.Module) == 0) throw new ClassFormatException($"Illegal class modifiers in class {name}: 0x{(int)flags:X}");
    }

    private static FieldInfo ReadField(ref ClassReader r, ConstantPool pool, string owner)
    {
        var flags = (AccessFlags)r.U2();
        var name = pool.Utf8(Index(pool, r.U2(), ConstantTag.Utf8));
        var descriptor = pool.Utf8(Index(pool, r.U2(), ConstantTag.Utf8));
        if (!Descriptors.IsFieldDescriptor(descriptor))
            throw new ClassFormatException($"Field \"{name}\" in class {owner} has illegal signature \"{descriptor}\"");
        int constant = 0;
        string? signature = null;
        byte[]? annotations = null;
        for (int i = 0, n = r.U2(); i < n; i++)
        {
            var attr = Attribute(ref r, pool, out var body);
            var a = new ClassReader(body);
            switch (attr)
            {
                case "ConstantValue": constant = a.U2(); End(ref a, attr, owner); break;
                case "Signature": signature = pool.Utf8(Index(pool, a.U2(), ConstantTag.Utf8)); End(ref a, attr, owner); break;
                case "RuntimeVisibleAnnotations": annotations = body.ToArray(); break;
            }
        }
        return new FieldInfo(flags, name, descriptor) { ConstantValue = constant, Signature = signature, VisibleAnnotations = annotations };
    }

    private static MethodInfo ReadMethod(ref ClassReader r, ConstantPool pool, string owner)
    {
        var flags = (AccessFlags)r.U2();
        var name = pool.Utf8(Index(pool, r.U2(), ConstantTag.Utf8));
        var descriptor = pool.Utf8(Index(pool, r.U2(), ConstantTag.Utf8));
        if (!Descriptors.IsMethodDescriptor(descriptor) || (name == "<init>" && !descriptor.EndsWith(")V", StringComparison.Ordinal)))
            throw new ClassFormatException($"Method \"{name}\" in class {owner} has illegal signature \"{descriptor}\"");
        CodeAttribute? code = null;
        string[] exceptions = [];
        string? signature = null;
        byte[]? annotations = null, parameterAnnotations = null, annotationDefault = null;
        (string?, AccessFlags)[]? parameters = null;
        for (int i = 0, n = r.U2(); i < n; i++)
        {
            var attr = Attribute(ref r, pool, out var body);
            var a = new ClassReader(body);
            switch (attr)
            {
                case "Code":
                    if (code is not null) throw new ClassFormatException($"Multiple Code attributes in method {owner}.{name}{descriptor}");
                    code = CodeReader.Read(ref a, pool, (name, descriptor), owner);
                    End(ref a, attr, owner);
                    break;
                case "Exceptions":
                    exceptions = new string[a.U2()];
                    for (var e = 0; e < exceptions.Length; e++) exceptions[e] = pool.ClassName(Index(pool, a.U2(), ConstantTag.Class));
                    End(ref a, attr, owner);
                    break;
                case "Signature": signature = pool.Utf8(Index(pool, a.U2(), ConstantTag.Utf8)); End(ref a, attr, owner); break;
                case "RuntimeVisibleAnnotations": annotations = body.ToArray(); break;
                case "RuntimeVisibleParameterAnnotations": parameterAnnotations = body.ToArray(); break;
                case "AnnotationDefault": annotationDefault = body.ToArray(); break;
                case "MethodParameters":
                    parameters = new (string?, AccessFlags)[a.U1()];
                    for (var p = 0; p < parameters.Length; p++)
                    {
                        var nameIndex = a.U2();
                        parameters[p] = (nameIndex == 0 ? null : pool.Utf8(Index(pool, nameIndex, ConstantTag.Utf8)), (AccessFlags)a.U2());
                    }
                    End(ref a, attr, owner);
                    break;
            }
        }
        if (code is not null && Descriptors.ArgumentSlots(descriptor) + ((flags & AccessFlags.Static) == 0 ? 1 : 0) > code.MaxLocals)
            throw new ClassFormatException($"Arguments can't fit into locals in class file {owner}");
        var needsCode = (flags & (AccessFlags.Native | AccessFlags.Abstract)) == 0;
        if (needsCode && code is null)
            throw new ClassFormatException($"Absent Code attribute in method that is not native or abstract in class file {owner}");
        if (!needsCode && code is not null)
            throw new ClassFormatException($"Code attribute in native or abstract methods in class file {owner}");
        return new MethodInfo(flags, name, descriptor)
        {
            Code = code, Exceptions = exceptions, Signature = signature, VisibleAnnotations = annotations,
            VisibleParameterAnnotations = parameterAnnotations, AnnotationDefault = annotationDefault, Parameters = parameters,
        };
    }

    internal static string Attribute(ref ClassReader r, ConstantPool pool, out ReadOnlySpan<byte> body)
    {
        var name = pool.Utf8(Index(pool, r.U2(), ConstantTag.Utf8));
        var length = r.U4();
        if (length < 0) throw new ClassFormatException($"Attribute {name} is longer than the class file");
        body = r.Take(length);
        return name;
    }

    internal static void End(ref ClassReader r, string attribute, string owner)
    {
        if (r.Remaining != 0) throw new ClassFormatException($"Wrong {attribute} attribute length in class file {owner}");
    }
}
