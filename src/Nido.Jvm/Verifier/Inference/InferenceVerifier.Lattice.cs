using Nido.Jvm.Runtime;

namespace Nido.Jvm.Verifier.Inference;

/// <summary>
/// The old verifier's type lattice: two references merge to their first common superclass, interfaces count as
/// Object (and anything is assignable to one), arrays merge element-wise, and anything else that differs is unusable
/// (Top). Assignability is "merging into the target gives the target". Classes are loaded through the verified
/// class's loader only here, so a missing class fails with the loader's NoClassDefFoundError, as in HotSpot.
/// </summary>
internal sealed partial class InferenceVerifier
{
    private const string Object = "java/lang/Object";

    private bool IsAssignable(VType from, VType to) => Merge(from, to, assignment: true) == to;

    private VType Merge(VType value, VType target, bool assignment)
    {
        if (value == target) return value;
        if (!IsObject(value) || !IsObject(target)) return VType.Top;
        if (value.Tag == VTag.Null) return target;
        if (target.Tag == VTag.Null) return value;
        var merged = MergeNames(value.Name!, target.Name!, assignment);
        return merged is null ? VType.Top : VType.Ref(merged);
    }

    private static bool IsObject(VType t) => t.Tag is VTag.Reference or VTag.Null;

    /// <summary>The merge of two class names or array descriptors, null when they have nothing in common.</summary>
    private string? MergeNames(string value, string target, bool assignment)
    {
        while (true)
        {
            if (value == target) return value;
            if (target == Object) return Object;
            if (value == Object)
                return assignment && target[0] != '[' && Load(target).IsInterface ? target : Object;
            if (value[0] != '[' && target[0] != '[') return MergeClasses(value, target, assignment);
            if (target is "java/lang/Cloneable" or "java/io/Serializable") return target;
            if (value is "java/lang/Cloneable" or "java/io/Serializable") return value;
            // An array of primitives counts as an Object array of one dimension less (int[] is an Object).
            var (vd, ve) = Split(value);
            var (td, te) = Split(target);
            if (vd != td)
            {
                var (lowDims, lowElement) = vd < td ? (vd, ve) : (td, te);
                if (lowElement is "java/lang/Cloneable" or "java/io/Serializable") return vd < td ? value : target;
                return ArrayName(lowDims, Object);
            }
            if (vd == 0) { (value, target) = (ve, te); continue; }
            var element = MergeNames(ve, te, assignment);
            return element is null ? null : ArrayName(vd, element);
        }
    }

    /// <summary>A reference type as dimensions and element class, primitive arrays as Object arrays of one less.</summary>
    private static (int Dims, string Element) Split(string name)
    {
        var dims = 0;
        while (dims < name.Length && name[dims] == '[') dims++;
        if (dims == 0) return (0, name);
        return name[dims] == 'L' ? (dims, name[(dims + 1)..^1]) : (dims - 1, Object);
    }

    private static string ArrayName(int dims, string element) =>
        dims == 0 ? element : new string('[', dims) + "L" + element + ";";

    private string MergeClasses(string value, string target, bool assignment)
    {
        var t = Load(target);
        if (t.IsInterface) return assignment ? target : Object;
        var v = Load(value);
        if (v.IsInterface) return Object;
        if (assignment)
        {
            for (var c = v; c is not null; c = c.Super)
                if (ReferenceEquals(c, t)) return target;
            return Object;
        }
        var depthV = Depth(v);
        var depthT = Depth(t);
        for (; depthV > depthT; depthV--) v = v.Super!;
        for (; depthT > depthV; depthT--) t = t.Super!;
        while (!ReferenceEquals(v, t)) (v, t) = (v.Super!, t.Super!);
        return v.Name;
    }

    private static int Depth(JClass c)
    {
        var depth = 0;
        for (var s = c.Super; s is not null; s = s.Super) depth++;
        return depth;
    }

    private JClass Load(string name) => name == _self ? _cls : _vm.ResolveClassName(_cls, name);
}
