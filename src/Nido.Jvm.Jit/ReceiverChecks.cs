using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;
using static Nido.Jvm.Jit.Bytecode;

namespace Nido.Jvm.Jit;

/// <summary>
/// What a linear pass over a method's operand stack tells the emitter's checks (MethodEmitter.Proven): for each
/// getfield, putfield and instance invoke, the Java local its receiver was loaded from, if the block loaded it from one
/// (origins are followed through loads, stores and dup…swap; any other instruction keeps the values below its result,
/// a conservative reading: it may have popped fewer); and which slot a field access's bound check tests: the highest
/// one its block reaches through the same local (until the block stores to it), so the block's first access on that
/// local's object checks for all of them and the rest need none. Sound because the verifier gives a local one type
/// over such a stretch of code and each getfield/putfield on it required that type to be a subclass of the field's
/// class: an object of the type has every slot the stretch reaches, and one that lacks a slot is an error whichever
/// access of the stretch reports it.
/// </summary>
internal sealed class ReceiverChecks
{
    private readonly Dictionary<int, int> _slotAt = [];
    private readonly Dictionary<int, int> _receiverLocal = [];

    public ReceiverChecks(JMethod method, StackKinds kinds, HashSet<int> targets)
    {
        var bc = method.Code!.Code;
        var resolved = method.Owner.Resolved;
        var pool = method.Owner.File!.Pool;
        var origin = new List<int>();
        var groups = new Dictionary<int, (int Max, List<int> Pcs)>();
        for (var pc = 0; pc < bc.Length; pc += Instructions.Length(bc, pc))
        {
            var stack = kinds.In[pc];
            if (stack is null || pc == 0 || targets.Contains(pc) || origin.Count != stack.Length)
            {
                EndAll(groups);
                origin.Clear();
                if (stack is null) continue;
                origin.AddRange(Enumerable.Repeat(-1, stack.Length));
            }
            var op = bc[pc];
            var (loaded, stored) = op switch
            {
                0x19 => (bc[pc + 1], -1),
                >= 0x2a and <= 0x2d => (op - 0x2a, -1),
                >= 0x36 and <= 0x3a or 0x84 => (-1, bc[pc + 1]),
                >= 0x3b and <= 0x4e => (-1, (op - 0x3b) % 4),
                0xc4 when bc[pc + 1] == 0x19 => (U2(bc, pc + 2), -1),
                0xc4 when bc[pc + 1] is >= 0x36 and <= 0x3a or 0x84 => (-1, U2(bc, pc + 2)),
                _ => (-1, -1),
            };
            // getfield's receiver is the top value, putfield's the one below the value stored, an invoke's the one
            // below its arguments.
            var receiverAt = op switch
            {
                0xb4 => 1,
                0xb5 => 2,
                0xb6 or 0xb7 or 0xb9 => Descriptors.Parameters(pool.MemberRef(U2(bc, pc + 1)).Descriptor).Count + 1,
                _ => 0,
            };
            if (receiverAt > 0 && receiverAt <= origin.Count && origin[^receiverAt] is var n and >= 0)
            {
                _receiverLocal[pc] = n;
                if (op is 0xb4 or 0xb5 && resolved[U2(bc, pc + 1)] is JField { IsStatic: false } f)
                {
                    var group = groups.TryGetValue(n, out var g) ? g : (Max: -1, Pcs: []);
                    group.Pcs.Add(pc);
                    groups[n] = (Math.Max(group.Max, f.Slot), group.Pcs);
                }
            }
            if (stored >= 0)
            {
                End(groups, stored);
                for (var i = 0; i < origin.Count; i++)
                    if (origin[i] == stored) origin[i] = -1;
            }
            var next = pc + Instructions.Length(bc, pc);
            if (op is >= 0x57 and <= 0x5f)
            {
                var order = Bytecode.Shuffle(op, i => stack[^(1 + i)], out var take);
                var taken = origin.GetRange(origin.Count - take, take);
                origin.RemoveRange(origin.Count - take, take);
                foreach (var i in order) origin.Add(taken[i]);
                continue;
            }
            var after = next < bc.Length && kinds.In[next] is { } o ? o.Length : 0;
            var keep = Math.Max(0, Math.Min(origin.Count, after - 1));
            origin.RemoveRange(keep, origin.Count - keep);
            while (origin.Count < after) origin.Add(-1);
            if (loaded >= 0 && after > 0) origin[^1] = loaded;
        }
        EndAll(groups);
    }

    /// <summary>The Java local the receiver of the getfield, putfield or invoke at <paramref name="pc"/> was loaded from in its block, or -1.</summary>
    public int ReceiverLocal(int pc) => _receiverLocal.GetValueOrDefault(pc, -1);

    /// <summary>The slot the bound check of the field access at <paramref name="pc"/> (of slot <paramref name="slot"/>) tests.</summary>
    public int Slot(int pc, int slot) => _slotAt.TryGetValue(pc, out var s) && s > slot ? s : slot;

    private void EndAll(Dictionary<int, (int Max, List<int> Pcs)> groups)
    {
        foreach (var local in groups.Keys.ToList()) End(groups, local);
    }

    private void End(Dictionary<int, (int Max, List<int> Pcs)> groups, int local)
    {
        if (!groups.Remove(local, out var g)) return;
        foreach (var pc in g.Pcs) _slotAt[pc] = g.Max;
    }
}
