using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Jit;

/// <summary>
/// What a linear scan of a method's bytecode tells the emitter: whether the method may run without a Java frame, and
/// which integer divisions divide by a constant that cannot fault.
/// </summary>
internal sealed class CodeFacts
{
    /// <summary>
    /// Frameless: the method calls nothing, allocates nothing and cannot throw (no invocations but of Object.&lt;init&gt;, no array access, no
    /// casts, no monitors, no athrow, no handlers; fields only of <c>this</c> or of initialised classes, as compiled in;
    /// divisions only by safe constants), so no stack walk can meet it and no throw needs its line: it does not push a
    /// frame, which is most of a small method's cost (accessors, arithmetic helpers).
    /// </summary>
    public bool Frameless { get; }

    /// <summary>The code has an invoke instruction (a frameless method's can only be a dropped Object.&lt;init&gt;).</summary>
    public bool Calls { get; }

    /// <summary>Pcs of idiv/irem/ldiv/lrem whose divisor is pushed by the instruction just before, as a constant other than 0 and -1.</summary>
    public HashSet<int> SafeDivisions { get; } = [];

    /// <summary>Pcs control reaches other than by falling through: branch targets and handler starts.</summary>
    public HashSet<int> Targets { get; } = [];

    public CodeFacts(JMethod method)
    {
        var code = method.Code!;
        var bc = code.Code;
        var pool = method.Owner.File!.Pool;
        var targets = Targets;
        foreach (var h in code.Handlers) targets.Add(h.Handler);
        var next = new List<int>();
        for (var pc = 0; pc < bc.Length; pc += Instructions.Length(bc, pc))
        {
            if (!Instructions.Successors(bc, pc, next)) continue;
            foreach (var t in next)
                if (t != pc + Instructions.Length(bc, pc)) targets.Add(t);
        }

        var frameless = code.Handlers.Length == 0 && !method.IsSynchronized;
        var thisStored = false;
        int previous = -1, beforePrevious = -1;
        for (var pc = 0; pc < bc.Length; pc += Instructions.Length(bc, pc))
        {
            var op = bc[pc];
            if (op is >= 0xb6 and <= 0xba) Calls = true;
            if (op is 0x4b || (op == 0x3a && bc[pc + 1] == 0)) thisStored = true; // astore_0, astore 0
            switch (op)
            {
                case 0x6c or 0x6d or 0x70 or 0x71: // idiv, ldiv, irem, lrem
                    if (!targets.Contains(pc) && previous >= 0 && ConstantPushed(bc, pool, previous) is { } d && d != 0 && d != -1) SafeDivisions.Add(pc);
                    else frameless = false;
                    break;
                case 0x12 or 0x13 or 0x14:
                    var tag = pool.Tag(op == 0x12 ? bc[pc + 1] : Instructions.S2(bc, pc + 1) & 0xffff);
                    if (tag is not (ConstantTag.Integer or ConstantTag.Float or ConstantTag.Long or ConstantTag.Double)) frameless = false;
                    break;
                case 0xb2 or 0xb3: // getstatic/putstatic: compiled in only for a resolved field of an initialised class
                    if (method.Owner.Resolved[Instructions.S2(bc, pc + 1) & 0xffff] is not JField { IsStatic: true } s || s.Owner.State != ClassState.Initialized) frameless = false;
                    break;
                case 0xb4 or 0xb5: // getfield/putfield: a resolved field of `this`, which is never null
                    var receiver = op == 0xb4 ? previous : beforePrevious;
                    var valuePush = op == 0xb4 || (previous >= 0 && IsSimplePush(bc[previous]) && !targets.Contains(previous));
                    if (method.IsStatic || receiver < 0 || bc[receiver] != 0x2a || !valuePush || targets.Contains(pc)
                        || method.Owner.Resolved[Instructions.S2(bc, pc + 1) & 0xffff] is not JField { IsStatic: false }) frameless = false;
                    break;
                case 0xb7: // invokespecial of a body that is only `return` (Object.<init>) on `this`: the emitter drops the call
                    if (method.IsStatic || previous < 0 || bc[previous] != 0x2a || targets.Contains(pc)
                        || method.Owner.Resolved[Instructions.S2(bc, pc + 1) & 0xffff] is not MethodSite { Op: 0xb7, Polymorphic: false, Method: not null, Direct: { Descriptor: "()V" } target }
                        || !MethodEmitter.IsEmptyBody(target)) frameless = false;
                    break;
                default:
                    if (!IsPlain(op)) frameless = false;
                    break;
            }
            beforePrevious = previous;
            previous = pc;
        }
        Frameless = frameless && !thisStored;
    }

    /// <summary>Opcodes that only move and compute values: constants, locals, stack shuffles, arithmetic that cannot fault, branches, returns.</summary>
    private static bool IsPlain(byte op) => op switch
    {
        <= 0x11 => true,                                  // nop, constants, bipush, sipush
        >= 0x15 and <= 0x2d => true,                      // loads
        >= 0x36 and <= 0x4e => true,                      // stores
        >= 0x57 and <= 0x6b => true,                      // pop…swap, add, sub, mul
        0x6e or 0x6f or 0x72 or 0x73 => true,             // fdiv, ddiv, frem, drem
        >= 0x74 and <= 0xa7 => true,                      // neg, shifts, logic, iinc, conversions, compares, if*, goto
        0xaa or 0xab => true,                             // switches
        >= 0xac and <= 0xb1 => true,                      // returns
        0xc6 or 0xc7 or 0xc8 => true,                     // ifnull, ifnonnull, goto_w
        _ => false,
    };

    /// <summary>One-instruction pushes of a local or a constant (what a setter puts between `this` and putfield).</summary>
    private static bool IsSimplePush(byte op) => op is <= 0x11 and >= 0x01 || op is >= 0x15 and <= 0x2d;

    /// <summary>The int or long constant the instruction at <paramref name="pc"/> pushes, if it pushes one.</summary>
    private static long? ConstantPushed(byte[] bc, ConstantPool pool, int pc) => bc[pc] switch
    {
        >= 0x02 and <= 0x08 => bc[pc] - 0x03,
        0x09 or 0x0a => bc[pc] - 0x09,
        0x10 => (sbyte)bc[pc + 1],
        0x11 => Instructions.S2(bc, pc + 1),
        0x12 when pool.Tag(bc[pc + 1]) == ConstantTag.Integer => pool.Integer(bc[pc + 1]),
        0x13 when pool.Tag(Instructions.S2(bc, pc + 1) & 0xffff) == ConstantTag.Integer => pool.Integer(Instructions.S2(bc, pc + 1) & 0xffff),
        0x14 when pool.Tag(Instructions.S2(bc, pc + 1) & 0xffff) == ConstantTag.Long => pool.Long(Instructions.S2(bc, pc + 1) & 0xffff),
        _ => null,
    };
}
