using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

/// <summary>A linked field: its slot in the object's Fields (instance) or the owner's Statics (static).</summary>
public sealed class JField(JClass owner, FieldInfo info, int slot)
{
    public JClass Owner { get; } = owner;
    public FieldInfo Info { get; } = info;
    public string Name => Info.Name;
    public string Descriptor => Info.Descriptor;
    public AccessFlags Flags => Info.Flags;
    public bool IsStatic => (Info.Flags & AccessFlags.Static) != 0;
    public int Slot { get; } = slot;
    /// <summary>Index among the owner's declared fields (reflection's slot).</summary>
    public int Index { get; init; }
    public bool IsReference => Descriptor[0] is 'L' or '[';

    public override string ToString() => $"{Owner.Name}.{Name}:{Descriptor}";
}
