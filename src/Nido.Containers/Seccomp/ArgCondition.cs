using Nido.Linux.Seccomp;
using Nido.Oci.Runtime;
using static Nido.Linux.Seccomp.BpfInstruction;

namespace Nido.Containers.Seccomp;

/// <summary>
/// Code for one 64-bit argument comparison (libseccomp's SCMP_CMP_* meanings). Classic BPF loads 32 bits at a
/// time, so each test compares the high word and then the low word. The code falls through when the condition
/// holds and jumps forward by <c>fail</c> (counted from the end of the emitted code) when it does not.
/// </summary>
internal static class ArgCondition
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string>
    {
        "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ",
    };

    /// <summary>Instructions <see cref="Emit"/> produces for <paramref name="op"/>.</summary>
    public static int Length(string op) => op switch
    {
        "SCMP_CMP_EQ" or "SCMP_CMP_NE" => 4,
        "SCMP_CMP_MASKED_EQ" => 6,
        _ => 5,
    };

    public static void Emit(List<BpfInstruction> code, SeccompArg arg, int fail)
    {
        var i = (int)arg.Index;
        var hi = Load(SeccompFilter.ArgHighOffset(i));
        var lo = Load(SeccompFilter.ArgLowOffset(i));
        var (vh, vl) = Split(arg.Value);
        // f(k): the jump offset to the failure target from the instruction k positions before the end.
        byte F(int remaining) => checked((byte)(fail + remaining));
        switch (arg.Op)
        {
            case "SCMP_CMP_EQ":
                code.AddRange([hi, JumpIfEqual(vh, 0, F(2)), lo, JumpIfEqual(vl, 0, F(0))]);
                break;
            case "SCMP_CMP_NE": // holds when either word differs
                code.AddRange([hi, JumpIfEqual(vh, 0, 2), lo, JumpIfEqual(vl, F(0), 0)]);
                break;
            case "SCMP_CMP_GT":
                code.AddRange([hi, JumpIfGreater(vh, 3, 0), JumpIfEqual(vh, 0, F(2)), lo, JumpIfGreater(vl, 0, F(0))]);
                break;
            case "SCMP_CMP_GE":
                code.AddRange([hi, JumpIfGreater(vh, 3, 0), JumpIfEqual(vh, 0, F(2)), lo, JumpIfGreaterOrEqual(vl, 0, F(0))]);
                break;
            case "SCMP_CMP_LT": // not (a >= v)
                code.AddRange([hi, JumpIfGreater(vh, F(3), 0), JumpIfEqual(vh, 0, 2), lo, JumpIfGreaterOrEqual(vl, F(0), 0)]);
                break;
            case "SCMP_CMP_LE": // not (a > v)
                code.AddRange([hi, JumpIfGreater(vh, F(3), 0), JumpIfEqual(vh, 0, 2), lo, JumpIfGreater(vl, F(0), 0)]);
                break;
            case "SCMP_CMP_MASKED_EQ": // (a & value) == valueTwo
                var (mh, ml) = Split(arg.ValueTwo);
                code.AddRange([hi, And(vh), JumpIfEqual(mh, 0, F(3)), lo, And(vl), JumpIfEqual(ml, 0, F(0))]);
                break;
            default:
                throw new ArgumentException($"unknown seccomp operator {arg.Op}");
        }
    }

    private static (uint High, uint Low) Split(ulong v) => ((uint)(v >> 32), (uint)v);
}
