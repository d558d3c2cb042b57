using System.Text;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

internal static partial class Bootstraps
{
    /// <summary>
    /// ObjectMethods.bootstrap, the record methods: toString "Name[a=1, b=x]", equals component by component
    /// (floating point as Float/Double.compare, references as Objects.equals), hashCode as 31 * h + hash(component).
    /// </summary>
    private static CallSiteTarget RecordMethod(JThread t, JClass cls, string name, BootstrapMethod bootstrap)
    {
        var vm = t.Vm;
        var pool = cls.File!.Pool;
        var record = vm.ResolveClassName(cls, pool.ClassName(bootstrap.Arguments[0]));
        var names = pool.String(bootstrap.Arguments[1]);
        var getters = bootstrap.Arguments[2..].Select(i => ResolveHandle(t, cls, i).Field!).ToArray();
        var labels = names.Length == 0 ? [] : names.Split(';');
        // Class.getSimpleName, as ObjectMethods uses (local and nested records keep only their own name).
        var simpleName = vm.StringOf(t.Invoke(vm.ClassClass.DeclaredMethod("getSimpleName", "()Ljava/lang/String;")!, Slot.OfRef(vm.Mirror(record))).R)!;
        return name switch
        {
            "toString" => (t, s, sp) =>
            {
                var self = s[sp - 1].R!;
                var text = new StringBuilder(simpleName).Append('[');
                for (var i = 0; i < getters.Length; i++)
                {
                    if (i > 0) text.Append(", ");
                    text.Append(labels[i]).Append('=').Append(Stringify(t, self.Fields[getters[i].Slot], getters[i].Descriptor));
                }
                s[sp - 1].R = t.Vm.NewString(text.Append(']').ToString());
                return sp;
            },
            "hashCode" => (t, s, sp) =>
            {
                var self = s[sp - 1].R!;
                var h = 0;
                foreach (var g in getters) h = h * 31 + Hash(t, self.Fields[g.Slot], g.Descriptor);
                s[sp - 1] = Slot.OfInt(h);
                return sp;
            },
            "equals" => (t, s, sp) =>
            {
                var self = s[sp - 2].R!;
                var other = s[sp - 1].R;
                var equal = other is not null && other.Class.IsSubtypeOf(record);
                for (var i = 0; equal && i < getters.Length; i++) equal = Same(t, self.Fields[getters[i].Slot], other!.Fields[getters[i].Slot], getters[i].Descriptor);
                s[sp - 2] = Slot.OfBool(equal);
                return sp - 1;
            },
            _ => throw vm.Throw("java/lang/IllegalArgumentException", $"Illegal method name {name}"),
        };
    }

    private static string Stringify(JThread t, Slot v, string descriptor)
    {
        var vm = t.Vm;
        var d = descriptor[0] is 'L' or '[' ? "Ljava/lang/Object;" : descriptor[0] is 'B' or 'S' ? "I" : descriptor;
        var valueOf = vm.StringClass.DeclaredMethod("valueOf", $"({d})Ljava/lang/String;")!;
        return vm.StringOf(d is "J" or "D" ? t.Invoke(valueOf, v, default).R : t.Invoke(valueOf, v).R)!;
    }

    private static int Hash(JThread t, Slot v, string descriptor)
    {
        switch (descriptor[0])
        {
            case 'L' or '[':
                if (v.R is null) return 0;
                var hashCode = t.Vm.ObjectClass.DeclaredMethod("hashCode", "()I")!;
                return t.Invoke(v.R.Class.Select(hashCode)!, v).I;
            case 'Z': return v.I != 0 ? 1231 : 1237;
            case 'J': return (int)(v.J ^ (v.J >>> 32));
            case 'F': return float.IsNaN(v.F) ? 0x7fc00000 : v.I;
            case 'D':
                var bits = double.IsNaN(v.D) ? 0x7ff8000000000000L : v.J;
                return (int)(bits ^ (bits >>> 32));
            default: return v.I;
        }
    }

    private static bool Same(JThread t, Slot a, Slot b, string descriptor)
    {
        switch (descriptor[0])
        {
            case 'L' or '[':
                if (ReferenceEquals(a.R, b.R)) return true;
                if (a.R is null || b.R is null) return false;
                var equals = t.Vm.ObjectClass.DeclaredMethod("equals", "(Ljava/lang/Object;)Z")!;
                return t.Invoke(a.R.Class.Select(equals)!, a, b).I != 0;
            // Float/Double.compare(a, b) == 0: equal canonical bits (all NaNs alike, 0.0 and -0.0 differ).
            case 'F': return (float.IsNaN(a.F) ? 0x7fc00000 : a.I) == (float.IsNaN(b.F) ? 0x7fc00000 : b.I);
            case 'D': return (double.IsNaN(a.D) ? 0x7ff8000000000000L : a.J) == (double.IsNaN(b.D) ? 0x7ff8000000000000L : b.J);
            default: return a.P == b.P;
        }
    }
}
