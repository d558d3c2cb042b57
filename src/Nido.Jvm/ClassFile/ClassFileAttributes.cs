namespace Nido.Jvm.ClassFile;

/// <summary>A BootstrapMethods row: the method handle constant and its static arguments (constant-pool indices).</summary>
public sealed record BootstrapMethod(int MethodHandle, int[] Arguments);

/// <summary>An InnerClasses row (indices may be 0 as JVMS 4.7.6 allows).</summary>
public readonly record struct InnerClassEntry(int Inner, int Outer, int Name, AccessFlags Flags);

/// <summary>A Record attribute component.</summary>
public sealed record RecordComponent(string Name, string Descriptor, string? Signature);
