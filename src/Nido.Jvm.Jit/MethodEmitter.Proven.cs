namespace Nido.Jvm.Jit;

/// <summary>
/// Checks a block has already made on a local's object are not made again: nbody's inner loop reads and writes ten
/// fields of two locals, and RyuJIT cannot reuse a receiver's class slot count across the field stores in between
/// (an indirect store may alias any memory to it), so each access reloaded it. Within a block (no other entry than its
/// first instruction) a Java local keeps its object until the block stores to it, and an object's class and slot
/// count never change: once its null check passed, or its bound check for slot s, the same checks on it (or the bound
/// check for a lower slot) would pass too. Which local an instruction's receiver came from is ReceiverChecks' finding.
/// </summary>
internal sealed partial class MethodEmitter
{
    /// <summary>Java local → the highest field slot its object is known to have in this block (-1: known non-null only).</summary>
    private readonly Dictionary<int, int> _proven = [];

    /// <summary>At the first instruction of a block: what other paths into it bring is not known.</summary>
    private void EnterInstruction(int pc)
    {
        if (pc == _startPc || _facts.Targets.Contains(pc) || pc == _copyExit) _proven.Clear();
    }

    /// <summary>A store to Java local <paramref name="index"/>: what was proven of its old object no longer holds.</summary>
    private void Overwritten(int index) => _proven.Remove(index);

    /// <summary>Whether the current instruction's receiver is known to be non-null with slots up to <paramref name="slot"/> (-1: non-null).</summary>
    private bool IsProven(int slot) =>
        _receivers.ReceiverLocal(_pc) is var local and >= 0 && _proven.TryGetValue(local, out var known) && known >= slot;

    /// <summary>Records that the current instruction's receiver is non-null with slots up to <paramref name="slot"/>: the check just emitted passed.</summary>
    private void Prove(int slot)
    {
        var local = _receivers.ReceiverLocal(_pc);
        if (local >= 0) _proven[local] = _proven.TryGetValue(local, out var known) ? Math.Max(known, slot) : slot;
    }
}
