using System.Reflection;
using System.Reflection.Emit;
using Nido.Cpu.RiscV.Decoder;
using Nido.Cpu.RiscV.Translation;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>
/// Emits one region as a DynamicMethod <c>void (object closure, Hart hart, ulong pc)</c>, called through a delegate
/// closed over the first. Guest registers the region uses live in CIL locals (loaded once on entry, written back on
/// every exit), so .NET's JIT keeps them in host registers;
/// edges between the region's blocks are CIL branches, with the slice's budget checked on backward ones.
/// Every address is <c>pc</c> plus a constant, which keeps translations position-independent.
/// </summary>
internal sealed partial class RegionCompiler
{
    private const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;
    private static readonly FieldInfo RegisterFile = typeof(Hart).GetField(nameof(Hart.JitRegisterFile), Internal)!;
    private static readonly MethodInfo Retire = typeof(Hart).GetMethod(nameof(Hart.JitRetire), Internal)!;
    private static readonly MethodInfo Interpret = typeof(Hart).GetMethod(nameof(Hart.JitInterpret), Internal)!;
    private static readonly FieldInfo PcField = typeof(Hart).GetField(nameof(Hart.Pc))!;
    private static readonly FieldInfo FaultField = typeof(Hart).GetField(nameof(Hart.JitFault), Internal)!;
    private static readonly FieldInfo BudgetField = typeof(Hart).GetField(nameof(Hart.JitBudget), Internal)!;

    private readonly Region _region;
    // Quick code calls QuickMemory for loads and stores instead of inlining the TLB lookup.
    private readonly bool _quick;
    private readonly ILGenerator _il;
    private readonly LocalBuilder?[] _x = new LocalBuilder?[32];
    private readonly bool[] _written = new bool[32];
    private readonly Dictionary<int, Label> _blocks = [];
    // Trap exits by how many of the current block's counted instructions did not run.
    private readonly Dictionary<int, Label> _trapExits = [];
    // Exits before an instruction left to the interpreter (a load or store the TLB did not answer, code that
    // changed): (label, its page offset, instructions not run).
    private readonly List<(Label Label, int Offset, int NotRun)> _missExits = [];
    private LocalBuilder _n = null!, _limit = null!, _registers = null!, _next = null!, _va = null!, _vpn = null!, _addr = null!, _entry = null!, _value = null!;
    private Label _exit;

    // Metadata tokens of the fields and methods regions use, for quick regions (emitted into a module): the
    // generator would otherwise ask the runtime for each one at every use.
    private readonly Func<MemberInfo, int>? _tokens;

    private RegionCompiler(Region region, ILGenerator il, bool quick, Func<MemberInfo, int>? tokens = null)
    {
        _region = region;
        _il = il;
        _quick = quick;
        _tokens = tokens;
    }

    /// <summary>
    /// What region delegates are closed over. A delegate to a static method whose first parameter it binds calls the
    /// method directly; an open one goes through a thunk that shifts every argument (1% of the boot).
    /// </summary>
    internal static readonly object Closure = new();

    /// <summary>The parameters of a region's method: the closure, the hart, the guest pc.</summary>
    internal static readonly Type[] Parameters = [typeof(object), typeof(Hart), typeof(ulong)];

    /// <summary>
    /// Compiles a region: optimized (a DynamicMethod, registers in host registers) or, when <paramref name="quick"/>,
    /// cheaply to compile and slower to run (<see cref="QuickMethods"/>).
    /// </summary>
    public static TranslatedCode Compile(Region region, string name, bool quick)
    {
        var ilSize = region.InstructionCount * 48;
        if (quick) return QuickMethods.Define(name, ilSize, (il, tokens) => new RegionCompiler(region, il, quick: true, tokens).Emit());
        var method = new DynamicMethod(name, typeof(void), Parameters, typeof(Hart).Module, skipVisibility: true) { InitLocals = false };
        new RegionCompiler(region, method.GetILGenerator(ilSize), quick: false).Emit();
        return (TranslatedCode)method.CreateDelegate(typeof(TranslatedCode), Closure);
    }

    private void Emit()
    {
        DeclareLocals();
        _exit = _il.DefineLabel();
        foreach (var start in _region.Blocks.Keys) _blocks[start] = _il.DefineLabel();

        // Called with no hart it only returns: the translator calls it so on its own thread, because .NET compiles a
        // DynamicMethod at its first call and that should not be on the hart's.
        var body = _il.DefineLabel();
        LoadHart();
        _il.Emit(OpCodes.Brtrue, body);
        _il.Emit(OpCodes.Ret);
        _il.MarkLabel(body);

        // Prologue: the slice's budget, then every register the region touches. Locals are not zeroed on entry
        // (InitLocals off: a quick region's frame would be cleared at every call), so the count starts explicitly.
        _il.Emit(OpCodes.Ldc_I8, 0L);
        _il.Emit(OpCodes.Stloc, _n);
        LoadHart();
        EmitField(OpCodes.Ldfld, BudgetField);
        _il.Emit(OpCodes.Stloc, _limit);
        LoadHart();
        EmitField(OpCodes.Ldfld, RegisterFile);
        _il.Emit(OpCodes.Stloc, _registers);
        for (var r = 1; r < 32; r++)
        {
            if (_x[r] is null) continue;
            RegisterAddress(r);
            _il.Emit(OpCodes.Ldind_I8);
            _il.Emit(OpCodes.Stloc, _x[r]!);
        }

        _il.Emit(OpCodes.Br, _blocks[_region.Entry]);
        foreach (var block in _region.Blocks.Values) EmitBlock(block);

        // TLB misses: back to the instruction, for the interpreter.
        foreach (var (label, offset, notRun) in _missExits)
        {
            _il.MarkLabel(label);
            Uncount(notRun);
            ExitTo(offset);
        }

        // Trap exits: the trap set Pc; uncount what did not run.
        foreach (var (notRun, label) in _trapExits)
        {
            _il.MarkLabel(label);
            Uncount(notRun);
            LoadHart();
            EmitField(OpCodes.Ldfld, PcField);
            _il.Emit(OpCodes.Stloc, _next);
            _il.Emit(OpCodes.Br, _exit);
        }

        // Epilogue: registers back, Pc, retired count.
        _il.MarkLabel(_exit);
        for (var r = 1; r < 32; r++)
            if (_written[r]) StoreRegisterBack(r);
        LoadHart();
        _il.Emit(OpCodes.Ldloc, _next);
        EmitField(OpCodes.Stfld, PcField);
        LoadHart();
        _il.Emit(OpCodes.Ldloc, _n);
        EmitCall(Retire);
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>Takes back instructions a block counted on entry but did not run (it is left early).</summary>
    private void Uncount(int notRun)
    {
        if (notRun == 0) return;
        _il.Emit(OpCodes.Ldloc, _n);
        _il.Emit(OpCodes.Ldc_I8, (long)notRun);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stloc, _n);
    }

    private void DeclareLocals()
    {
        _n = _il.DeclareLocal(typeof(long));
        _limit = _il.DeclareLocal(typeof(long));
        _registers = _il.DeclareLocal(typeof(nint));
        _next = _il.DeclareLocal(typeof(ulong));
        _va = _il.DeclareLocal(typeof(ulong));
        _vpn = _il.DeclareLocal(typeof(ulong));
        _addr = _il.DeclareLocal(typeof(nint));
        _entry = _il.DeclareLocal(typeof(nint));
        if (_quick) _value = _il.DeclareLocal(typeof(ulong));
        foreach (var block in _region.Blocks.Values)
        {
            foreach (var (_, ins) in block.Body)
            {
                if (ReadsRs1(ins.Op)) Use(ins.Rs1);
                if (ReadsRs2(ins.Op)) Use(ins.Rs2);
                if (ins.Rd < 32 && WritesRd(ins.Op)) Use(ins.Rd);
                if (InstructionClass.Of(ins.Op) == Treatment.Interpret)
                {
                    Use(ins.Rs1);
                    Use(ins.Rs2);
                    if (ins.Rd < 32) Use(ins.Rd);
                    // The interpreter reads and writes the register file: these are flushed before and reloaded after.
                    Use(ins.Rs3);
                    foreach (var r in (ReadOnlySpan<byte>)[ins.Rs1, ins.Rs2, ins.Rs3, ins.Rd])
                        if (r is > 0 and < 32) _written[r] = true;
                }
                else if (WritesRd(ins.Op) && ins.Rd is > 0 and < 32) _written[ins.Rd] = true;
            }
        }
    }

    private void Use(byte r)
    {
        if (r is > 0 and < 32) _x[r] ??= _il.DeclareLocal(typeof(ulong));
    }

    private static bool WritesRd(Op op) => !InstructionClass.IsBranch(op) && op is not (Op.Sb or Op.Sh or Op.Sw or Op.Sd);

    // Exact operand sets keep the region's live guest registers few, so .NET's JIT can keep them in host registers.
    private static bool ReadsRs1(Op op) => op is not (Op.Lui or Op.Auipc or Op.Jal);

    private static bool ReadsRs2(Op op) => InstructionClass.IsBranch(op) || op is Op.Sb or Op.Sh or Op.Sw or Op.Sd
        || (op is >= Op.Add and <= Op.And or >= Op.Addw and <= Op.Sraw or >= Op.Mul and <= Op.Remuw
            or >= Op.AddUw and <= Op.Sh3addUw or Op.Andn or Op.Orn or Op.Xnor or Op.Max or Op.Maxu or Op.Min or Op.Minu
            or Op.Rol or Op.Rolw or Op.Ror or Op.Rorw);

    private void EmitBlock(BasicBlock block)
    {
        _il.MarkLabel(_blocks[block.Start]);
        var count = block.Body.Count;
        _il.Emit(OpCodes.Ldloc, _n);
        _il.Emit(OpCodes.Ldc_I8, (long)count);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, _n);
        for (var i = 0; i < count; i++)
        {
            var (offset, ins) = block.Body[i];
            if (InstructionClass.Of(ins.Op) == Treatment.Interpret) EmitInterpreted(offset, ins, TrapExit(count - i - 1), ExitBefore(offset, count - i));
            else if (IsMemory(ins.Op)) EmitMemory(ins, ExitBefore(offset, count - i));
            else if (!EmitControl(block, offset, ins)) EmitInteger(offset, ins);
        }
        if (block.End == BlockEnd.Leave) ExitTo(block.Next);
        else if (block.End == BlockEnd.FallThrough) Goto(block.Body[^1].Offset, block.Next);
    }

    /// <summary>An exit that leaves the instruction at <paramref name="offset"/> to the interpreter, uncounted.</summary>
    private Label ExitBefore(int offset, int notRun)
    {
        var label = _il.DefineLabel();
        _missExits.Add((label, offset, notRun));
        return label;
    }

    private Label TrapExit(int notRun)
    {
        if (!_trapExits.TryGetValue(notRun, out var label)) _trapExits[notRun] = label = _il.DefineLabel();
        return label;
    }

    /// <summary>F/D, atomics and fences: registers they use go to the register file, the interpreter runs them.</summary>
    /// <param name="changed">Where the region leaves, before the instruction, when memory no longer holds it.</param>
    private void EmitInterpreted(int offset, Instruction ins, Label trap, Label changed)
    {
        foreach (var r in Distinct(ins.Rs1, ins.Rs2, ins.Rs3, ins.Rd)) StoreRegisterBack(r);
        SetPc(offset);
        LoadHart();
        _il.Emit(OpCodes.Ldc_I4, unchecked((int)ins.Raw));
        EmitCall(Interpret);
        _il.Emit(OpCodes.Brfalse, changed);
        BranchOnFault(trap);
        if (ins.Rd is > 0 and < 32)
        {
            RegisterAddress(ins.Rd);
            _il.Emit(OpCodes.Ldind_I8);
            _il.Emit(OpCodes.Stloc, _x[ins.Rd]!);
        }
    }

    private static IEnumerable<int> Distinct(params byte[] registers) => registers.Where(r => r is > 0 and < 32).Distinct().Select(r => (int)r);

    // ---- Small emitters shared by the instruction families. ----

    /// <summary>Pushes x[r] (0 for x0).</summary>
    private void Load(int r)
    {
        if (r == 0) _il.Emit(OpCodes.Ldc_I8, 0L);
        else _il.Emit(OpCodes.Ldloc, _x[r]!);
    }

    /// <summary>Pops the value into rd (discarded for x0).</summary>
    private void Store(int rd)
    {
        if (rd is 0 or Instruction.ZeroSink) _il.Emit(OpCodes.Pop);
        else _il.Emit(OpCodes.Stloc, _x[rd]!);
    }

    private void RegisterAddress(int r)
    {
        _il.Emit(OpCodes.Ldloc, _registers);
        _il.Emit(OpCodes.Ldc_I4, r * 8);
        _il.Emit(OpCodes.Add);
    }

    private void StoreRegisterBack(int r)
    {
        RegisterAddress(r);
        _il.Emit(OpCodes.Ldloc, _x[r]!);
        _il.Emit(OpCodes.Stind_I8);
    }

    /// <summary>Pushes the guest address of page offset <paramref name="offset"/>: pc + (offset - entry).</summary>
    private void PushPc(long offset)
    {
        LoadPc();
        var delta = offset - _region.Entry;
        if (delta == 0) return;
        _il.Emit(OpCodes.Ldc_I8, delta);
        _il.Emit(OpCodes.Add);
    }

    private void SetPc(int offset)
    {
        LoadHart();
        PushPc(offset);
        EmitField(OpCodes.Stfld, PcField);
    }

    // Argument 0 is the delegate's closed-over target (see Closure), so the hart is argument 1 and pc argument 2.
    private void LoadHart() => _il.Emit(OpCodes.Ldarg_1);

    private void LoadPc() => _il.Emit(OpCodes.Ldarg_2);

    private void EmitField(OpCode op, FieldInfo field)
    {
        if (_tokens is null) _il.Emit(op, field);
        else _il.Emit(op, _tokens(field));
    }

    /// <summary>A call; by token it counts no stack change, which only overestimates the method's maximum stack.</summary>
    private void EmitCall(MethodInfo method)
    {
        if (_tokens is null) _il.Emit(OpCodes.Call, method);
        else _il.Emit(OpCodes.Call, _tokens(method));
    }

    private void BranchOnFault(Label trap)
    {
        LoadHart();
        EmitField(OpCodes.Ldfld, FaultField);
        _il.Emit(OpCodes.Brtrue, trap);
    }

    /// <summary>Leaves the region for page offset <paramref name="target"/> (which may lie outside the page).</summary>
    private void ExitTo(long target)
    {
        PushPc(target);
        _il.Emit(OpCodes.Stloc, _next);
        _il.Emit(OpCodes.Br, _exit);
    }

    /// <summary>
    /// Continues at <paramref name="target"/>: a CIL branch when the region holds it (after the budget check if it
    /// is backward, so loops end with the slice), else a region exit.
    /// </summary>
    private void Goto(int from, int target)
    {
        if (!RegionDecoder.InPage(target) || !_blocks.TryGetValue(target, out var label))
        {
            ExitTo(target);
            return;
        }
        if (target <= from)
        {
            // Backward: leave once the slice's budget is spent (which also bounds how long interrupts wait).
            var leave = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloc, _n);
            _il.Emit(OpCodes.Ldloc, _limit);
            _il.Emit(OpCodes.Bge, leave);
            _il.Emit(OpCodes.Br, label);
            _il.MarkLabel(leave);
            ExitTo(target);
            return;
        }
        _il.Emit(OpCodes.Br, label);
    }
}
