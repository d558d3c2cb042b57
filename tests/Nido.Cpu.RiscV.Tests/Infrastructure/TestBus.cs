namespace Nido.Cpu.RiscV.Tests.Infrastructure;

/// <summary>
/// An <see cref="IMemoryBus"/> over <see cref="NativeRam"/> with scriptable devices: every device access is logged,
/// and one that lands inside RAM (the hart should have done it directly) is recorded as a violation.
/// </summary>
internal sealed class TestBus(NativeRam ram, ulong ramBase = TestBus.DefaultRamBase) : IMemoryBus
{
    public const ulong DefaultRamBase = 0x8000_0000;

    public ulong RamBase { get; } = ramBase;

    public ulong RamSize => ram.Size;

    public nint RamPointer => ram.Pointer;

    /// <summary>Answers device reads: (answered, value). Default: nothing is there.</summary>
    public Func<ulong, int, (bool, ulong)> OnRead { get; set; } = (_, _) => (false, 0);

    /// <summary>Takes device writes; false when nothing answers. Default: nothing is there.</summary>
    public Func<ulong, int, ulong, bool> OnWrite { get; set; } = (_, _, _) => false;

    public List<(bool Write, ulong Address, int Size, ulong Value)> Log { get; } = [];

    /// <summary>When false, accesses are not logged (fuzzing makes millions).</summary>
    public bool Logging { get; set; } = true;

    public List<string> Violations { get; } = [];

    public bool Read(ulong address, int size, out ulong value)
    {
        Check(address, size);
        var (ok, v) = OnRead(address, size);
        value = v;
        if (Logging) Log.Add((false, address, size, v));
        return ok;
    }

    public bool Write(ulong address, int size, ulong value)
    {
        Check(address, size);
        if (Logging) Log.Add((true, address, size, value));
        return OnWrite(address, size, value);
    }

    private void Check(ulong address, int size)
    {
        if (size is not (1 or 2 or 4 or 8)) Violations.Add($"device access of {size} bytes at 0x{address:x}");
        if (address - RamBase < RamSize) Violations.Add($"device access to RAM at 0x{address:x} ({size} bytes)");
    }
}

/// <summary>A clock that stands still unless a test moves it.</summary>
internal sealed class FixedClock : IHartClock
{
    public ulong Now { get; set; }
}
