namespace Nido.Jvm.ClassFile;

/// <summary>
/// A parsed constant pool as parallel arrays (tag, two indices, and a decoded value for UTF-8/numeric entries), so
/// the interpreter indexes it without allocations. Every cross-reference is checked when the pool is read.
/// </summary>
public sealed class ConstantPool
{
    private readonly ConstantTag[] _tags;
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly object?[] _values;

    internal ConstantPool(ConstantTag[] tags, int[] a, int[] b, object?[] values)
    {
        _tags = tags;
        _a = a;
        _b = b;
        _values = values;
    }

    public int Count => _tags.Length;

    public ConstantTag Tag(int index) => (uint)index < (uint)_tags.Length ? _tags[index] : ConstantTag.None;

    /// <summary>First index field: class index of a ref, name of a NameAndType, string's UTF-8, reference kind of a handle…</summary>
    public int A(int index) => _a[index];

    /// <summary>Second index field: NameAndType of a ref, descriptor of a NameAndType, reference index of a handle.</summary>
    public int B(int index) => _b[index];

    public string Utf8(int index) => (string)Expect(index, ConstantTag.Utf8)!;

    public int Integer(int index) => (int)Expect(index, ConstantTag.Integer)!;
    public float Float(int index) => (float)Expect(index, ConstantTag.Float)!;
    public long Long(int index) => (long)Expect(index, ConstantTag.Long)!;
    public double Double(int index) => (double)Expect(index, ConstantTag.Double)!;

    /// <summary>The internal name (or array descriptor) a CONSTANT_Class names.</summary>
    public string ClassName(int index) => Utf8(Checked(index, ConstantTag.Class));

    public string String(int index) => Utf8(Checked(index, ConstantTag.String));

    /// <summary>(class, name, descriptor) of a field, method or interface method reference.</summary>
    public (string Class, string Name, string Descriptor) MemberRef(int index)
    {
        var tag = Tag(index);
        if (tag is not (ConstantTag.FieldRef or ConstantTag.MethodRef or ConstantTag.InterfaceMethodRef))
            throw new ClassFormatException($"constant pool index {index} is {tag}, not a member reference");
        var (name, descriptor) = NameAndType(_b[index]);
        return (ClassName(_a[index]), name, descriptor);
    }

    public (string Name, string Descriptor) NameAndType(int index)
    {
        Checked(index, ConstantTag.NameAndType);
        return (Utf8(_a[index]), Utf8(_b[index]));
    }

    private int Checked(int index, ConstantTag tag)
    {
        if (Tag(index) != tag) throw new ClassFormatException($"constant pool index {index} is {Tag(index)}, not {tag}");
        return _a[index];
    }

    private object? Expect(int index, ConstantTag tag)
    {
        if (Tag(index) != tag) throw new ClassFormatException($"constant pool index {index} is {Tag(index)}, not {tag}");
        return _values[index];
    }
}
