namespace Nido.Jvm.ClassFile;

/// <summary>A parsed, format-checked class file (JVMS 4.1); nothing is resolved or loaded yet.</summary>
public sealed class ClassFile
{
    public required int MajorVersion { get; init; }
    public required int MinorVersion { get; init; }
    public required ConstantPool Pool { get; init; }
    public required AccessFlags Flags { get; init; }
    /// <summary>Internal name, e.g. java/lang/Object.</summary>
    public required string Name { get; init; }
    /// <summary>Internal name of the superclass; null only for java/lang/Object (and module-info).</summary>
    public required string? SuperName { get; init; }
    public required string[] Interfaces { get; init; }
    public required FieldInfo[] Fields { get; init; }
    public required MethodInfo[] Methods { get; init; }
    public string? SourceFile { get; init; }
    public string? Signature { get; init; }
    public BootstrapMethod[] BootstrapMethods { get; init; } = [];
    public InnerClassEntry[] InnerClasses { get; init; } = [];
    public string? NestHost { get; init; }
    public string[] NestMembers { get; init; } = [];
    public string[] PermittedSubclasses { get; init; } = [];
    public RecordComponent[]? RecordComponents { get; init; }
    /// <summary>EnclosingMethod: the class and, when inside a method, its name and descriptor.</summary>
    public (string Class, string? Name, string? Descriptor)? EnclosingMethod { get; init; }
    public byte[]? VisibleAnnotations { get; init; }
}
