using System.Text;
using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

internal static partial class Bootstraps
{
    /// <summary>
    /// StringConcatFactory: the recipe's \1 takes the next argument, \2 the next constant, other characters are
    /// literal. Arguments are converted as String.valueOf does (floating point through Java's own formatting).
    /// </summary>
    private static CallSiteTarget StringConcat(JThread t, JClass cls, string descriptor, string recipe, int[] constantIndices)
    {
        var vm = t.Vm;
        var pool = cls.File!.Pool;
        var constants = constantIndices.Select(i => pool.Tag(i) switch
        {
            ConstantTag.String => pool.String(i),
            ConstantTag.Integer => pool.Integer(i).ToString(),
            ConstantTag.Long => pool.Long(i).ToString(),
            _ => throw vm.Throw("java/lang/BootstrapMethodError", $"string concatenation constant #{i} ({pool.Tag(i)})"),
        }).ToArray();
        var parameters = Descriptors.Parameters(descriptor);
        var width = SlotCount(parameters);
        var stringClass = vm.StringClass;
        JMethod ValueOf(string d) => stringClass.DeclaredMethod("valueOf", $"({d})Ljava/lang/String;")!;
        var floatValueOf = ValueOf("F");
        var doubleValueOf = ValueOf("D");
        var objectValueOf = ValueOf("Ljava/lang/Object;");
        return (t, s, sp) =>
        {
            var vm = t.Vm;
            var args = Compact(s, sp - width, parameters);
            var text = new StringBuilder();
            int arg = 0, constant = 0;
            foreach (var ch in recipe)
            {
                if (ch == '\u0002') { text.Append(constants[constant++]); continue; }
                if (ch != '\u0001') { text.Append(ch); continue; }
                var v = args[arg];
                switch (parameters[arg++][0])
                {
                    case 'I' or 'B' or 'S': text.Append(v.I); break;
                    case 'J': text.Append(v.J); break;
                    case 'C': text.Append((char)v.I); break;
                    case 'Z': text.Append(v.I != 0 ? "true" : "false"); break;
                    case 'F': text.Append(vm.StringOf(t.Invoke(floatValueOf, v).R)); break;
                    case 'D': text.Append(vm.StringOf(t.Invoke(doubleValueOf, v, default).R)); break;
                    default:
                        text.Append(v.R is null ? "null" : v.R.Class == vm.StringClass ? vm.StringOf(v.R) : vm.StringOf(t.Invoke(objectValueOf, v).R) ?? "null");
                        break;
                }
            }
            sp -= width;
            s[sp].R = vm.NewString(text.ToString());
            return sp + 1;
        };
    }
}
