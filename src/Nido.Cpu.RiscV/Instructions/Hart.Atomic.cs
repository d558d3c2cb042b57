using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV;

/// <summary>
/// The A extension on host atomics. SC succeeds when memory still holds the value LR read (a compare-and-swap,
/// as QEMU does): another hart's intervening store of a different value fails it, which is what LR/SC loops need.
/// </summary>
public sealed unsafe partial class Hart
{
    private bool _reservationValid;
    private nint _reservationHost;
    private ulong _reservationValue;

    private bool LoadReserved(in Instruction ins, int size)
    {
        var va = X(ins.Rs1);
        if (!AtomicTarget(va, size, isLoadReserved: true, out var host, out _)) return false;
        ulong value = size == 4 ? (ulong)(long)Volatile.Read(ref *(int*)host) : Volatile.Read(ref *(ulong*)host);
        _reservationValid = true;
        _reservationHost = host;
        _reservationValue = value;
        X(ins.Rd) = value;
        return true;
    }

    private bool StoreConditional(in Instruction ins, int size)
    {
        var va = X(ins.Rs1);
        if (!AtomicTarget(va, size, isLoadReserved: false, out var host, out _)) return false;
        var success = _reservationValid && _reservationHost == host;
        if (success)
        {
            success = size == 4
                ? Interlocked.CompareExchange(ref *(int*)host, (int)X(ins.Rs2), (int)_reservationValue) == (int)_reservationValue
                : Interlocked.CompareExchange(ref *(long*)host, (long)X(ins.Rs2), (long)_reservationValue) == (long)_reservationValue;
        }
        _reservationValid = false;
        X(ins.Rd) = success ? 0UL : 1UL;
        return true;
    }

    private bool AmoW(in Instruction ins)
    {
        if (!AtomicTarget(X(ins.Rs1), 4, isLoadReserved: false, out var host, out _)) return false;
        ref var cell = ref *(int*)host;
        var operand = (int)X(ins.Rs2);
        int old;
        switch (ins.Op)
        {
            case Op.AmoswapW: old = Interlocked.Exchange(ref cell, operand); break;
            case Op.AmoaddW: old = Interlocked.Add(ref cell, operand) - operand; break;
            case Op.AmoxorW:
                do old = Volatile.Read(ref cell); while (Interlocked.CompareExchange(ref cell, old ^ operand, old) != old);
                break;
            case Op.AmoandW: old = Interlocked.And(ref cell, operand); break;
            case Op.AmoorW: old = Interlocked.Or(ref cell, operand); break;
            default:
                do
                {
                    old = Volatile.Read(ref cell);
                    var result = ins.Op switch
                    {
                        Op.AmominW => Math.Min(old, operand),
                        Op.AmomaxW => Math.Max(old, operand),
                        Op.AmominuW => (int)Math.Min((uint)old, (uint)operand),
                        _ => (int)Math.Max((uint)old, (uint)operand),
                    };
                    if (Interlocked.CompareExchange(ref cell, result, old) == old) break;
                } while (true);
                break;
        }
        X(ins.Rd) = (ulong)(long)old;
        return true;
    }

    private bool AmoD(in Instruction ins)
    {
        if (!AtomicTarget(X(ins.Rs1), 8, isLoadReserved: false, out var host, out _)) return false;
        ref var cell = ref *(long*)host;
        var operand = (long)X(ins.Rs2);
        long old;
        switch (ins.Op)
        {
            case Op.AmoswapD: old = Interlocked.Exchange(ref cell, operand); break;
            case Op.AmoaddD: old = Interlocked.Add(ref cell, operand) - operand; break;
            case Op.AmoxorD:
                do old = Volatile.Read(ref cell); while (Interlocked.CompareExchange(ref cell, old ^ operand, old) != old);
                break;
            case Op.AmoandD: old = Interlocked.And(ref cell, operand); break;
            case Op.AmoorD: old = Interlocked.Or(ref cell, operand); break;
            default:
                do
                {
                    old = Volatile.Read(ref cell);
                    var result = ins.Op switch
                    {
                        Op.AmominD => Math.Min(old, operand),
                        Op.AmomaxD => Math.Max(old, operand),
                        Op.AmominuD => (long)Math.Min((ulong)old, (ulong)operand),
                        _ => (long)Math.Max((ulong)old, (ulong)operand),
                    };
                    if (Interlocked.CompareExchange(ref cell, result, old) == old) break;
                } while (true);
                break;
        }
        X(ins.Rd) = (ulong)old;
        return true;
    }
}
