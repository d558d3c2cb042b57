namespace Nido.Jvm.ClassFile;

/// <summary>The class-level attributes the VM uses (JVMS 4.7); others are skipped by length as the spec requires.</summary>
internal sealed class ClassAttributes
{
    public string? SourceFile;
    public string? Signature;
    public BootstrapMethod[] BootstrapMethods = [];
    public InnerClassEntry[] InnerClasses = [];
    public string? NestHost;
    public string[] NestMembers = [];
    public string[] PermittedSubclasses = [];
    public RecordComponent[]? RecordComponents;
    public (string, string?, string?)? EnclosingMethod;
    public byte[]? VisibleAnnotations;

    public static ClassAttributes Read(ref ClassReader r, ConstantPool pool, string owner)
    {
        var result = new ClassAttributes();
        for (int i = 0, n = r.U2(); i < n; i++)
        {
            var name = ClassFileParser.Attribute(ref r, pool, out var body);
            var a = new ClassReader(body);
            switch (name)
            {
                case "SourceFile": result.SourceFile = Utf8(ref a, pool); break;
                case "Signature": result.Signature = Utf8(ref a, pool); break;
                case "NestHost": result.NestHost = pool.ClassName(ClassFileParser.Index(pool, a.U2(), ConstantTag.Class)); break;
                case "NestMembers": result.NestMembers = Classes(ref a, pool); break;
                case "PermittedSubclasses": result.PermittedSubclasses = Classes(ref a, pool); break;
                case "RuntimeVisibleAnnotations": result.VisibleAnnotations = body.ToArray(); a.Take(a.Remaining); break;
                case "BootstrapMethods":
                    result.BootstrapMethods = new BootstrapMethod[a.U2()];
                    for (var k = 0; k < result.BootstrapMethods.Length; k++)
                    {
                        var handle = ClassFileParser.Index(pool, a.U2(), ConstantTag.MethodHandle);
                        var args = new int[a.U2()];
                        for (var j = 0; j < args.Length; j++)
                        {
                            args[j] = a.U2();
                            if (pool.Tag(args[j]) is ConstantTag.None or ConstantTag.Utf8 or ConstantTag.NameAndType or ConstantTag.FieldRef
                                or ConstantTag.MethodRef or ConstantTag.InterfaceMethodRef or ConstantTag.InvokeDynamic or ConstantTag.Module or ConstantTag.Package)
                                throw new ClassFormatException($"Invalid bootstrap method argument index {args[j]} in class file {owner}");
                        }
                        result.BootstrapMethods[k] = new BootstrapMethod(handle, args);
                    }
                    break;
                case "InnerClasses":
                    result.InnerClasses = new InnerClassEntry[a.U2()];
                    for (var k = 0; k < result.InnerClasses.Length; k++)
                    {
                        int inner = a.U2(), outer = a.U2(), innerName = a.U2();
                        var flags = (AccessFlags)a.U2();
                        ClassFileParser.Index(pool, inner, ConstantTag.Class);
                        if (outer != 0) ClassFileParser.Index(pool, outer, ConstantTag.Class);
                        if (innerName != 0) ClassFileParser.Index(pool, innerName, ConstantTag.Utf8);
                        result.InnerClasses[k] = new InnerClassEntry(inner, outer, innerName, flags);
                    }
                    break;
                case "EnclosingMethod":
                    var cls = pool.ClassName(ClassFileParser.Index(pool, a.U2(), ConstantTag.Class));
                    var nat = a.U2();
                    if (nat == 0) result.EnclosingMethod = (cls, null, null);
                    else
                    {
                        var (mName, mDesc) = pool.NameAndType(ClassFileParser.Index(pool, nat, ConstantTag.NameAndType));
                        result.EnclosingMethod = (cls, mName, mDesc);
                    }
                    break;
                case "Record":
                    result.RecordComponents = new RecordComponent[a.U2()];
                    for (var k = 0; k < result.RecordComponents.Length; k++)
                    {
                        var cName = Utf8(ref a, pool);
                        var cDesc = Utf8(ref a, pool);
                        string? cSig = null;
                        for (int j = 0, m = a.U2(); j < m; j++)
                        {
                            var attr = ClassFileParser.Attribute(ref a, pool, out var attrBody);
                            if (attr == "Signature") { var s = new ClassReader(attrBody); cSig = Utf8(ref s, pool); }
                        }
                        result.RecordComponents[k] = new RecordComponent(cName, cDesc, cSig);
                    }
                    break;
                default: a.Take(a.Remaining); break;
            }
            ClassFileParser.End(ref a, name, owner);
        }
        return result;
    }

    private static string Utf8(ref ClassReader a, ConstantPool pool) => pool.Utf8(ClassFileParser.Index(pool, a.U2(), ConstantTag.Utf8));

    private static string[] Classes(ref ClassReader a, ConstantPool pool)
    {
        var names = new string[a.U2()];
        for (var k = 0; k < names.Length; k++) names[k] = pool.ClassName(ClassFileParser.Index(pool, a.U2(), ConstantTag.Class));
        return names;
    }
}
