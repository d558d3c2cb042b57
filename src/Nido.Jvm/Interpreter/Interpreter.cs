using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Nido.Jvm.Compiled;
using Nido.Jvm.Runtime;

namespace Nido.Jvm;

/// <summary>
/// The bytecode interpreter: one dispatch loop over a method's code with locals and operand stack as slots of the
/// thread's stack (locals at fp, operands above them). Slow paths — resolution, class initialisation, invocation,
/// allocation, exception dispatch — live in the partial files beside this one.
/// </summary>
public static partial class Interpreter
{
    /// <summary>Runs <paramref name="m"/> with its arguments already at t.Stack[fp..]; the result (if any) is returned.</summary>
    public static unsafe Slot Call(JThread t, JMethod m, int fp)
    {
        var probe = 0;
        if ((nint)(&probe) < t.StackFloor || !RuntimeHelpers.TryEnsureSufficientExecutionStack() || t.Depth >= t.FrameMethodIds.Length)
            throw t.Vm.Throw("java/lang/StackOverflowError", null);
        if (m.IsAbstract) throw t.Vm.Throw("java/lang/AbstractMethodError", $"Receiver class {t.Stack[fp].R?.Class.JavaName} does not define or inherit an implementation of the resolved method '{m.Name}{m.Descriptor}' of {(m.Owner.IsInterface ? "interface" : "abstract class")} {m.Owner.JavaName}.");
        if (m.Compiled is { } compiled)
        {
            // Compiled frames push themselves; this restores the depth when one ends by an exception.
            var entryDepth = t.Depth;
            try { return compiled(t, fp); }
            finally { t.Depth = entryDepth; }
        }
        var native = m.Native;
        if (native is null && m.IsNative) native = m.Native = t.Vm.Natives.Bind(m);
        object? monitor = null;
        if (m.IsSynchronized)
        {
            monitor = m.IsStatic ? m.Owner.Vm.Mirror(m.Owner) : t.Stack[fp].R;
            Threads.EnterMonitor(t, monitor!);
        }
        var depth = t.Depth;
        t.FrameMethodIds[depth] = m.Id;
        t.FramePcs[depth] = native is null ? 0 : -2; // -2: "Native Method" in stack traces
        t.Depth = depth + 1;
        try
        {
            if (native is not null)
            {
                var top = t.Top;
                t.Top = fp + m.ArgSlots;
                try { return native(t, t.Stack.AsSpan(fp, m.ArgSlots)); }
                finally { t.Top = top; }
            }
            return Execute(t, m, fp);
        }
        finally
        {
            t.Depth = depth;
            if (monitor is not null) Monitor.Exit(monitor);
        }
    }

    private static Slot Execute(JThread t, JMethod m, int fp)
    {
        var code = m.Code!;
        var bc = code.Code;
        var s = t.Stack;
        var sp = fp + code.MaxLocals; // operand stack base
        var end = sp + code.MaxStack;
        if (end + 2 >= s.Length) throw t.Vm.Throw("java/lang/StackOverflowError", null);
        // Locals beyond the arguments may hold stale references from earlier frames; clear them for the GC's sake.
        for (var i = fp + m.ArgSlots; i < sp; i++) s[i].R = null;
        var savedTop = t.Top;
        t.Top = end + 2;
        var cls = m.Owner;
        var vm = t.Vm;
        var frame = t.Depth - 1;
        var pc = 0;
        var jit = vm.Compiler;
        if (jit is not null && !m.CompileRefused)
        {
            var calls = ++m.Calls;
            if (calls == jit.CallThreshold || calls == jit.WaitAt) jit.Compile(m);
        }
        t.FrameBases[frame] = fp;
        CompiledEntry? loop = null;
        try
        {
            while (true)
            {
                try
                {
                    while (true)
                    {
                        var op = bc[pc];
                        switch (op)
                        {
                            case 0x00: pc++; break;
                            case 0x01: s[sp++].R = null; pc++; break;
                            case >= 0x02 and <= 0x08: s[sp++].P = op - 0x03; pc++; break;
                            case 0x09 or 0x0a: s[sp].P = op - 0x09; sp += 2; pc++; break;
                            case >= 0x0b and <= 0x0d: s[sp++].F = op - 0x0b; pc++; break;
                            case 0x0e or 0x0f: s[sp].D = op - 0x0e; sp += 2; pc++; break;
                            case 0x10: s[sp++].P = (sbyte)bc[pc + 1]; pc += 2; break;
                            case 0x11: s[sp++].P = (short)U2(bc, pc + 1); pc += 3; break;
                            case 0x12: LoadConstant(t, cls, bc[pc + 1], s, ref sp); pc += 2; break;
                            case 0x13 or 0x14: LoadConstant(t, cls, U2(bc, pc + 1), s, ref sp); pc += 3; break;
                            // loads
                            case 0x15 or 0x17: s[sp++].P = s[fp + bc[pc + 1]].P; pc += 2; break;
                            case 0x16 or 0x18: s[sp].P = s[fp + bc[pc + 1]].P; sp += 2; pc += 2; break;
                            case 0x19: s[sp++].R = s[fp + bc[pc + 1]].R; pc += 2; break;
                            case >= 0x1a and <= 0x1d: s[sp++].P = s[fp + op - 0x1a].P; pc++; break;
                            case >= 0x1e and <= 0x21: s[sp].P = s[fp + op - 0x1e].P; sp += 2; pc++; break;
                            case >= 0x22 and <= 0x25: s[sp++].P = s[fp + op - 0x22].P; pc++; break;
                            case >= 0x26 and <= 0x29: s[sp].P = s[fp + op - 0x26].P; sp += 2; pc++; break;
                            case >= 0x2a and <= 0x2d: s[sp++].R = s[fp + op - 0x2a].R; pc++; break;
                            // array loads
                            case 0x2e: { var i = s[--sp].I; var a = Arr<int>(t, s[sp - 1].R, i); s[sp - 1].P = a[i]; pc++; break; }
                            case 0x2f: { var i = s[--sp].I; var a = Arr<long>(t, s[sp - 1].R, i); s[sp - 1].P = a[i]; sp++; pc++; break; }
                            case 0x30: { var i = s[--sp].I; var a = Arr<float>(t, s[sp - 1].R, i); s[sp - 1].F = a[i]; pc++; break; }
                            case 0x31: { var i = s[--sp].I; var a = Arr<double>(t, s[sp - 1].R, i); s[sp - 1].D = a[i]; sp++; pc++; break; }
                            case 0x32: { var i = s[--sp].I; var a = Arr<JObject?>(t, s[sp - 1].R, i); s[sp - 1].R = a[i]; pc++; break; }
                            case 0x33: { var i = s[--sp].I; var a = Arr<sbyte>(t, s[sp - 1].R, i); s[sp - 1].P = a[i]; pc++; break; }
                            case 0x34: { var i = s[--sp].I; var a = Arr<char>(t, s[sp - 1].R, i); s[sp - 1].P = a[i]; pc++; break; }
                            case 0x35: { var i = s[--sp].I; var a = Arr<short>(t, s[sp - 1].R, i); s[sp - 1].P = a[i]; pc++; break; }
                            // stores
                            case 0x36 or 0x38: s[fp + bc[pc + 1]].P = s[--sp].P; pc += 2; break;
                            case 0x37 or 0x39: sp -= 2; s[fp + bc[pc + 1]].P = s[sp].P; pc += 2; break;
                            case 0x3a: sp--; Copy(ref s[fp + bc[pc + 1]], in s[sp]); pc += 2; break; // astore also stores returnAddress
                            case >= 0x3b and <= 0x3e: s[fp + op - 0x3b].P = s[--sp].P; pc++; break;
                            case >= 0x3f and <= 0x42: sp -= 2; s[fp + op - 0x3f].P = s[sp].P; pc++; break;
                            case >= 0x43 and <= 0x46: s[fp + op - 0x43].P = s[--sp].P; pc++; break;
                            case >= 0x47 and <= 0x4a: sp -= 2; s[fp + op - 0x47].P = s[sp].P; pc++; break;
                            case >= 0x4b and <= 0x4e: sp--; Copy(ref s[fp + op - 0x4b], in s[sp]); pc++; break;
                            // array stores
                            case 0x4f: { sp -= 3; var i = s[sp + 1].I; Arr<int>(t, s[sp].R, i)[i] = s[sp + 2].I; pc++; break; }
                            case 0x50: { sp -= 4; var i = s[sp + 1].I; Arr<long>(t, s[sp].R, i)[i] = s[sp + 2].P; pc++; break; }
                            case 0x51: { sp -= 3; var i = s[sp + 1].I; Arr<float>(t, s[sp].R, i)[i] = s[sp + 2].F; pc++; break; }
                            case 0x52: { sp -= 4; var i = s[sp + 1].I; Arr<double>(t, s[sp].R, i)[i] = s[sp + 2].D; pc++; break; }
                            case 0x53: { sp -= 3; StoreReference(t, s[sp].R, s[sp + 1].I, s[sp + 2].R); pc++; break; }
                            case 0x54: sp -= 3; StoreByte(t, s[sp].R, s[sp + 1].I, s[sp + 2].I); pc++; break;
                            case 0x55: { sp -= 3; var i = s[sp + 1].I; Arr<char>(t, s[sp].R, i)[i] = (char)s[sp + 2].P; pc++; break; }
                            case 0x56: { sp -= 3; var i = s[sp + 1].I; Arr<short>(t, s[sp].R, i)[i] = (short)s[sp + 2].P; pc++; break; }
                            // stack
                            case 0x57: sp--; pc++; break;
                            case 0x58: sp -= 2; pc++; break;
                            // Stack shuffles move slots through Dup/Rotate, never a Slot local: a struct temporary holding
                            // a reference sits in this frame's stack, which the GC reports as live for the whole loop.
                            case 0x59: Copy(ref s[sp], in s[sp - 1]); sp++; pc++; break;
                            case 0x5a: Dup(s, sp, 1); Rotate(s, sp - 2, 3); sp++; pc++; break;
                            case 0x5b: Dup(s, sp, 1); Rotate(s, sp - 3, 4); sp++; pc++; break;
                            case 0x5c: Dup(s, sp, 2); sp += 2; pc++; break;
                            case 0x5d: Dup(s, sp, 2); Rotate(s, sp - 3, 5); Rotate(s, sp - 3, 5); sp += 2; pc++; break;
                            case 0x5e: Dup(s, sp, 2); Rotate(s, sp - 4, 6); Rotate(s, sp - 4, 6); sp += 2; pc++; break;
                            case 0x5f: Rotate(s, sp - 2, 2); pc++; break;
                            // int arithmetic
                            case 0x60: sp--; s[sp - 1].P = s[sp - 1].I + s[sp].I; pc++; break;
                            case 0x64: sp--; s[sp - 1].P = s[sp - 1].I - s[sp].I; pc++; break;
                            case 0x68: sp--; s[sp - 1].P = s[sp - 1].I * s[sp].I; pc++; break;
                            case 0x6c: sp--; s[sp - 1].P = IDiv(t, s[sp - 1].I, s[sp].I); pc++; break;
                            case 0x70: sp--; s[sp - 1].P = IRem(t, s[sp - 1].I, s[sp].I); pc++; break;
                            case 0x74: s[sp - 1].P = -s[sp - 1].I; pc++; break;
                            case 0x78: sp--; s[sp - 1].P = s[sp - 1].I << s[sp].I; pc++; break;
                            case 0x7a: sp--; s[sp - 1].P = s[sp - 1].I >> s[sp].I; pc++; break;
                            case 0x7c: sp--; s[sp - 1].P = (int)((uint)s[sp - 1].I >> s[sp].I); pc++; break;
                            case 0x7e: sp--; s[sp - 1].P = s[sp - 1].I & s[sp].I; pc++; break;
                            case 0x80: sp--; s[sp - 1].P = s[sp - 1].I | s[sp].I; pc++; break;
                            case 0x82: sp--; s[sp - 1].P = s[sp - 1].I ^ s[sp].I; pc++; break;
                            // long arithmetic (values at sp-4 and sp-2)
                            case 0x61: sp -= 2; s[sp - 2].P += s[sp].P; pc++; break;
                            case 0x65: sp -= 2; s[sp - 2].P -= s[sp].P; pc++; break;
                            case 0x69: sp -= 2; s[sp - 2].P *= s[sp].P; pc++; break;
                            case 0x6d: sp -= 2; s[sp - 2].P = LDiv(t, s[sp - 2].P, s[sp].P); pc++; break;
                            case 0x71: sp -= 2; s[sp - 2].P = LRem(t, s[sp - 2].P, s[sp].P); pc++; break;
                            case 0x75: s[sp - 2].P = -s[sp - 2].P; pc++; break;
                            case 0x79: sp--; s[sp - 2].P <<= s[sp].I; pc++; break;
                            case 0x7b: sp--; s[sp - 2].P >>= s[sp].I; pc++; break;
                            case 0x7d: sp--; s[sp - 2].P = (long)((ulong)s[sp - 2].P >> s[sp].I); pc++; break;
                            case 0x7f: sp -= 2; s[sp - 2].P &= s[sp].P; pc++; break;
                            case 0x81: sp -= 2; s[sp - 2].P |= s[sp].P; pc++; break;
                            case 0x83: sp -= 2; s[sp - 2].P ^= s[sp].P; pc++; break;
                            // float and double arithmetic
                            case 0x62: sp--; s[sp - 1].F = s[sp - 1].F + s[sp].F; pc++; break;
                            case 0x66: sp--; s[sp - 1].F = s[sp - 1].F - s[sp].F; pc++; break;
                            case 0x6a: sp--; s[sp - 1].F = s[sp - 1].F * s[sp].F; pc++; break;
                            case 0x6e: sp--; s[sp - 1].F = s[sp - 1].F / s[sp].F; pc++; break;
                            case 0x72: sp--; s[sp - 1].F = s[sp - 1].F % s[sp].F; pc++; break;
                            case 0x76: s[sp - 1].F = -s[sp - 1].F; pc++; break;
                            case 0x63: sp -= 2; s[sp - 2].D = s[sp - 2].D + s[sp].D; pc++; break;
                            case 0x67: sp -= 2; s[sp - 2].D = s[sp - 2].D - s[sp].D; pc++; break;
                            case 0x6b: sp -= 2; s[sp - 2].D = s[sp - 2].D * s[sp].D; pc++; break;
                            case 0x6f: sp -= 2; s[sp - 2].D = s[sp - 2].D / s[sp].D; pc++; break;
                            case 0x73: sp -= 2; s[sp - 2].D = s[sp - 2].D % s[sp].D; pc++; break;
                            case 0x77: s[sp - 2].D = -s[sp - 2].D; pc++; break;
                            case 0x84: s[fp + bc[pc + 1]].P = s[fp + bc[pc + 1]].I + (sbyte)bc[pc + 2]; pc += 3; break;
                            // conversions
                            case 0x85: s[sp - 1].P = s[sp - 1].I; sp++; pc++; break;
                            case 0x86: s[sp - 1].F = s[sp - 1].I; pc++; break;
                            case 0x87: s[sp - 1].D = s[sp - 1].I; sp++; pc++; break;
                            case 0x88: sp--; s[sp - 1].P = (int)s[sp - 1].P; pc++; break;
                            case 0x89: sp--; s[sp - 1].F = s[sp - 1].P; pc++; break;
                            case 0x8a: s[sp - 2].D = s[sp - 2].P; pc++; break;
                            case 0x8b: s[sp - 1].P = Conversions.F2I(s[sp - 1].F); pc++; break;
                            case 0x8c: s[sp - 1].P = Conversions.F2L(s[sp - 1].F); sp++; pc++; break;
                            case 0x8d: s[sp - 1].D = s[sp - 1].F; sp++; pc++; break;
                            case 0x8e: sp--; s[sp - 1].P = Conversions.D2I(s[sp - 1].D); pc++; break;
                            case 0x8f: s[sp - 2].P = Conversions.D2L(s[sp - 2].D); pc++; break;
                            case 0x90: sp--; s[sp - 1].F = (float)s[sp - 1].D; pc++; break;
                            case 0x91: s[sp - 1].P = (sbyte)s[sp - 1].P; pc++; break;
                            case 0x92: s[sp - 1].P = (char)s[sp - 1].P; pc++; break;
                            case 0x93: s[sp - 1].P = (short)s[sp - 1].P; pc++; break;
                            // comparisons
                            case 0x94: sp -= 3; s[sp - 1].P = Comparisons.LCmp(s[sp - 1].P, s[sp + 1].P); pc++; break;
                            case 0x95: sp--; s[sp - 1].P = Comparisons.FCmpL(s[sp - 1].F, s[sp].F); pc++; break;
                            case 0x96: sp--; s[sp - 1].P = Comparisons.FCmpG(s[sp - 1].F, s[sp].F); pc++; break;
                            case 0x97: sp -= 3; s[sp - 1].P = Comparisons.DCmpL(s[sp - 1].D, s[sp + 1].D); pc++; break;
                            case 0x98: sp -= 3; s[sp - 1].P = Comparisons.DCmpG(s[sp - 1].D, s[sp + 1].D); pc++; break;
                            // branches
                            case 0x99: if (s[--sp].I == 0) goto Jump; pc += 3; break;
                            case 0x9a: if (s[--sp].I != 0) goto Jump; pc += 3; break;
                            case 0x9b: if (s[--sp].I < 0) goto Jump; pc += 3; break;
                            case 0x9c: if (s[--sp].I >= 0) goto Jump; pc += 3; break;
                            case 0x9d: if (s[--sp].I > 0) goto Jump; pc += 3; break;
                            case 0x9e: if (s[--sp].I <= 0) goto Jump; pc += 3; break;
                            case 0x9f: sp -= 2; if (s[sp].I == s[sp + 1].I) goto Jump; pc += 3; break;
                            case 0xa0: sp -= 2; if (s[sp].I != s[sp + 1].I) goto Jump; pc += 3; break;
                            case 0xa1: sp -= 2; if (s[sp].I < s[sp + 1].I) goto Jump; pc += 3; break;
                            case 0xa2: sp -= 2; if (s[sp].I >= s[sp + 1].I) goto Jump; pc += 3; break;
                            case 0xa3: sp -= 2; if (s[sp].I > s[sp + 1].I) goto Jump; pc += 3; break;
                            case 0xa4: sp -= 2; if (s[sp].I <= s[sp + 1].I) goto Jump; pc += 3; break;
                            case 0xa5: sp -= 2; if (ReferenceEquals(s[sp].R, s[sp + 1].R)) goto Jump; pc += 3; break;
                            case 0xa6: sp -= 2; if (!ReferenceEquals(s[sp].R, s[sp + 1].R)) goto Jump; pc += 3; break;
                            case 0xa7: goto Jump;
                            case 0xa8: s[sp++].P = pc + 3; pc += (short)U2(bc, pc + 1); break;
                            case 0xa9: pc = (int)s[fp + bc[pc + 1]].P; break;
                            case 0xaa: pc = TableSwitch(bc, pc, s[--sp].I); break;
                            case 0xab: pc = LookupSwitch(bc, pc, s[--sp].I); break;
                            // returns
                            case 0xac: return new Slot { P = Conversions.Narrow(m.ReturnKind, s[sp - 1].I) };
                            case 0xae: return new Slot { P = s[sp - 1].P };
                            case 0xad or 0xaf: return new Slot { P = s[sp - 2].P };
                            case 0xb0: return new Slot { R = s[sp - 1].R };
                            case 0xb1: return default;
                            // fields
                            case 0xb2: { var f = StaticField(t, cls, U2(bc, pc + 1)); s[sp] = f.Owner.Statics[f.Slot]; sp += Width(f); pc += 3; break; }
                            case 0xb3: { var f = StaticField(t, cls, U2(bc, pc + 1)); sp -= Width(f); Store(f, ref f.Owner.Statics[f.Slot], in s[sp]); pc += 3; break; }
                            case 0xb4:
                            {
                                var f = InstanceField(t, cls, U2(bc, pc + 1));
                                var o = s[sp - 1].R ?? throw NullPointer(t, m, pc);
                                s[sp - 1] = o.Fields[f.Slot];
                                sp += Width(f) - 1;
                                pc += 3;
                                break;
                            }
                            case 0xb5:
                            {
                                var f = InstanceField(t, cls, U2(bc, pc + 1));
                                sp -= Width(f) + 1;
                                var o = s[sp].R ?? throw NullPointer(t, m, pc);
                                Store(f, ref o.Fields[f.Slot], in s[sp + 1]);
                                pc += 3;
                                break;
                            }
                            // invocations
                            case 0xb6 or 0xb7 or 0xb8 or 0xb9:
                            {
                                t.FramePcs[frame] = pc;
                                var site = MethodSite(t, cls, op, U2(bc, pc + 1));
                                var argBase = sp - site.ArgSlots;
                                t.FrameAtInvoke[frame] = true;
                                var result = Invoke(t, site, argBase);
                                t.FrameAtInvoke[frame] = false;
                                sp = Push(s, argBase, result, site.ReturnKind);
                                pc += op == 0xb9 ? 5 : 3;
                                break;
                            }
                            case 0xba:
                            {
                                t.FramePcs[frame] = pc;
                                sp = InvokeDynamic(t, cls, U2(bc, pc + 1), s, sp);
                                pc += 5;
                                break;
                            }
                            // objects and arrays
                            case 0xbb: t.FramePcs[frame] = pc; s[sp++].R = New(t, cls, U2(bc, pc + 1)); pc += 3; break;
                            case 0xbc: t.FramePcs[frame] = pc; s[sp - 1].R = vm.NewPrimitiveArray(bc[pc + 1], s[sp - 1].I); pc += 2; break;
                            case 0xbd: t.FramePcs[frame] = pc; s[sp - 1].R = vm.NewArray(ResolveClass(t, cls, U2(bc, pc + 1)), s[sp - 1].I); pc += 3; break;
                            case 0xbe: s[sp - 1].P = ((JArray?)s[sp - 1].R ?? throw NullPointer(t, m, pc)).Length; pc++; break;
                            case 0xbf: t.FramePcs[frame] = pc; throw new JavaThrow(s[sp - 1].R ?? throw NullPointer(t, m, pc));
                            case 0xc0:
                            {
                                var o = s[sp - 1].R;
                                if (o is not null)
                                {
                                    var target = ResolveClass(t, cls, U2(bc, pc + 1));
                                    if (!o.Class.IsSubtypeOf(target)) { t.FramePcs[frame] = pc; throw ClassCast(t, o.Class, target); }
                                }
                                pc += 3;
                                break;
                            }
                            case 0xc1:
                            {
                                var o = s[sp - 1].R;
                                s[sp - 1].R = null;
                                s[sp - 1].P = o is not null && o.Class.IsSubtypeOf(ResolveClass(t, cls, U2(bc, pc + 1))) ? 1 : 0;
                                pc += 3;
                                break;
                            }
                            case 0xc2: Threads.EnterMonitor(t, s[--sp].R ?? throw NullPointer(t, m, pc)); pc++; break;
                            case 0xc3: MonitorExit(t, s[--sp].R ?? throw NullPointer(t, m, pc)); pc++; break;
                            case 0xc4: pc = Wide(s, fp, ref sp, bc, pc); break;
                            case 0xc5:
                            {
                                t.FramePcs[frame] = pc;
                                var type = ResolveClass(t, cls, U2(bc, pc + 1));
                                int dims = bc[pc + 3];
                                sp -= dims;
                                var lengths = new int[dims];
                                for (var i = 0; i < dims; i++) lengths[i] = s[sp + i].I;
                                s[sp++].R = vm.NewMultiArray(type, lengths);
                                pc += 4;
                                break;
                            }
                            case 0xc6: if (s[--sp].R is null) goto Jump; pc += 3; break;
                            case 0xc7: if (s[--sp].R is not null) goto Jump; pc += 3; break;
                            case 0xc8: pc += BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(pc + 1)); break;
                            case 0xc9: s[sp++].P = pc + 5; pc += BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(pc + 1)); break;
                            default: throw vm.Throw("java/lang/VerifyError", $"Bad instruction: {op:x2} at {pc} in {m}");
                        }
                        continue;
                    // goto and the conditional branches taken (a do-while's back edge is one).
                    Jump:
                        var offset = (short)U2(bc, pc + 1);
                        pc += offset;
                        // A hot loop in a long-running frame moves to compiled code here (on-stack replacement).
                        if (offset < 0 && jit is not null && ++m.BackEdges >= jit.LoopThreshold && (loop = LoopEntry(jit, m, pc)) is not null)
                            goto Compiled;
                    }
                }
                catch (Exception e)
                {
                    if (e is JavaThrow { Implicit: true } j) vm.AtPc(j, frame, pc);
                    var throwable = vm.ToJava(t, e, m, pc);
                    var handler = FindHandler(t, m, pc, throwable.Class);
                    if (handler < 0)
                    {
                        if (e is JavaThrow) throw;
                        throw new JavaThrow(throwable);
                    }
                    sp = fp + code.MaxLocals;
                    s[sp++].R = throwable;
                    pc = handler;
                    t.Depth = frame + 1;
                    t.FrameAtInvoke[frame] = false;
                }
            }
        Compiled:
            t.FramePcs[frame] = pc;
            t.FrameBases[frame] = -1;
            t.FrameAtInvoke[frame] = false;
            return loop!(t, fp);
        }
        finally
        {
            t.Top = savedTop;
            t.FrameBases[frame] = -1;
            t.FrameAtInvoke[frame] = false;
        }
    }

    /// <summary>Calls after which a method's hot loop is compiled with the whole method, in the background.</summary>
    private const int LoopDeferCalls = 16;

    /// <summary>The compiled continuation of <paramref name="m"/>'s loop at <paramref name="pc"/>, compiled once; null stops asking.</summary>
    private static CompiledEntry? LoopEntry(IMethodCompiler jit, JMethod m, int pc)
    {
        lock (m)
        {
            m.LoopEntries ??= [];
            if (!m.LoopEntries.TryGetValue(pc, out var entry))
            {
                // Back-edges summed over many calls (a hash or copy loop run on short inputs) call for the method's
                // whole compile, on the JIT's thread, rather than for entering this one call's loop: that compile would
                // hold up this thread (the class library's boot: StringLatin1.hashCode's loop, ~3 ms of Hello). A loop
                // that turns on in this call reaches the threshold again and is entered then.
                if (!m.LoopDeferred && m.Calls >= LoopDeferCalls && jit.CompileInBackground(m))
                {
                    m.LoopDeferred = true;
                    m.BackEdges = 0;
                    return null;
                }
                m.LoopEntries[pc] = entry = m.CompileRefused ? null : jit.CompileLoop(m, pc);
            }
            if (entry is null) m.BackEdges = int.MinValue;
            return entry;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int U2(byte[] bc, int at) => (bc[at] << 8) | bc[at + 1];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Width(JField f) => f.Descriptor[0] is 'J' or 'D' ? 2 : 1;

    /// <summary>A putfield/putstatic: values of the narrow int types are narrowed to their field (JVMS 17).</summary>
    private static void Store(JField f, ref Slot field, in Slot value)
    {
        var d = f.Descriptor[0];
        if (d is 'Z' or 'B' or 'C' or 'S') field = new Slot { P = Conversions.Narrow(d, value.I) };
        else Copy(ref field, in value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T[] Arr<T>(JThread t, JObject? o, int index)
    {
        if (o is null) throw new NullReferenceException();
        var a = ((JArray<T>)o).Data;
        if ((uint)index >= (uint)a.Length) throw OutOfBounds(t, index, a.Length);
        return a;
    }

    internal static JavaThrow OutOfBounds(JThread t, int index, int length) =>
        t.Vm.Throw("java/lang/ArrayIndexOutOfBoundsException", $"Index {index} out of bounds for length {length}");

    /// <summary>bastore: boolean arrays keep only the low bit (JVMS bastore).</summary>
    internal static void StoreByte(JThread t, JObject? array, int index, int value)
    {
        var a = Arr<sbyte>(t, array, index);
        a[index] = (sbyte)(ReferenceEquals(array!.Class, t.Vm.BooleanArray) ? value & 1 : value);
    }

    /// <summary>One slot to another, field by field (see the stack shuffles).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref Slot to, in Slot from)
    {
        to.P = from.P;
        to.R = from.R;
    }

    /// <summary>Copies the top <paramref name="n"/> slots above them (dup, dup2), field by field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dup(Slot[] s, int sp, int n)
    {
        for (var i = 0; i < n; i++)
        {
            s[sp + i].P = s[sp - n + i].P;
            s[sp + i].R = s[sp - n + i].R;
        }
    }

    /// <summary>Moves the top slot of s[from..from+count) to the bottom, the others up by one (the _x forms and swap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rotate(Slot[] s, int from, int count)
    {
        var top = from + count - 1;
        var p = s[top].P;
        var r = s[top].R;
        for (var i = top; i > from; i--)
        {
            s[i].P = s[i - 1].P;
            s[i].R = s[i - 1].R;
        }
        s[from].P = p;
        s[from].R = r;
    }

    private static int Push(Slot[] s, int sp, Slot value, char kind)
    {
        switch (kind)
        {
            case 'V': return sp;
            case 'J' or 'D': s[sp].P = value.P; return sp + 2;
            case 'L' or '[': s[sp].R = value.R; return sp + 1;
            default: s[sp].P = value.P; return sp + 1;
        }
    }

    internal static int IDiv(JThread t, int a, int b) => b == 0 ? throw t.Vm.Throw("java/lang/ArithmeticException", "/ by zero") : b == -1 ? -a : a / b;
    internal static int IRem(JThread t, int a, int b) => b == 0 ? throw t.Vm.Throw("java/lang/ArithmeticException", "/ by zero") : b == -1 ? 0 : a % b;
    internal static long LDiv(JThread t, long a, long b) => b == 0 ? throw t.Vm.Throw("java/lang/ArithmeticException", "/ by zero") : b == -1 ? -a : a / b;
    internal static long LRem(JThread t, long a, long b) => b == 0 ? throw t.Vm.Throw("java/lang/ArithmeticException", "/ by zero") : b == -1 ? 0 : a % b;

    private static int TableSwitch(byte[] bc, int pc, int key)
    {
        var p = (pc + 4) & ~3;
        var dflt = BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(p));
        var low = BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(p + 4));
        var high = BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(p + 8));
        if (key < low || key > high) return pc + dflt;
        return pc + BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(p + 12 + (key - low) * 4));
    }

    private static int LookupSwitch(byte[] bc, int pc, int key)
    {
        var p = (pc + 4) & ~3;
        var dflt = BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(p));
        var n = BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(p + 4));
        int lo = 0, hi = n - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var k = BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(p + 8 + mid * 8));
            if (k == key) return pc + BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(p + 12 + mid * 8));
            if (k < key) lo = mid + 1; else hi = mid - 1;
        }
        return pc + dflt;
    }

    private static int Wide(Slot[] s, int fp, ref int sp, byte[] bc, int pc)
    {
        var op = bc[pc + 1];
        var index = fp + U2(bc, pc + 2);
        switch (op)
        {
            case 0x15 or 0x17: s[sp++].P = s[index].P; break;
            case 0x16 or 0x18: s[sp].P = s[index].P; sp += 2; break;
            case 0x19: s[sp++].R = s[index].R; break;
            case 0x36 or 0x38: s[index].P = s[--sp].P; break;
            case 0x37 or 0x39: sp -= 2; s[index].P = s[sp].P; break;
            case 0x3a: s[index] = s[--sp]; break;
            case 0xa9: return (int)s[index].P;
            case 0x84: s[index].P = s[index].I + (short)U2(bc, pc + 4); return pc + 6;
            default: throw new InvalidOperationException($"bad wide opcode {op:x2}");
        }
        return pc + 4;
    }
}
