namespace Nido.Jvm.ClassFile;

/// <summary>A field_info or method_info with the attributes the VM uses; annotation attributes stay raw bytes for reflection.</summary>
public abstract class MemberInfo(AccessFlags flags, string name, string descriptor)
{
    public AccessFlags Flags { get; } = flags;
    public string Name { get; } = name;
    public string Descriptor { get; } = descriptor;
    public string? Signature { get; init; }
    public byte[]? VisibleAnnotations { get; init; }
}

public sealed class FieldInfo(AccessFlags flags, string name, string descriptor) : MemberInfo(flags, name, descriptor)
{
    /// <summary>Constant-pool index of the ConstantValue attribute (static finals), or 0.</summary>
    public int ConstantValue { get; init; }
}

public sealed class MethodInfo(AccessFlags flags, string name, string descriptor) : MemberInfo(flags, name, descriptor)
{
    public CodeAttribute? Code { get; init; }
    public string[] Exceptions { get; init; } = [];
    public byte[]? VisibleParameterAnnotations { get; init; }
    public byte[]? AnnotationDefault { get; init; }
    public (string? Name, AccessFlags Flags)[]? Parameters { get; init; }
}
