namespace Nido.Devices.Tests;

/// <summary>An interrupt line that records every level the device drives onto it.</summary>
internal sealed class RecordingLine : IInterruptLine
{
    private readonly List<bool> _sets = [];

    public IReadOnlyList<bool> Sets
    {
        get { lock (_sets) return [.. _sets]; }
    }

    public bool High
    {
        get { lock (_sets) return _sets.Count > 0 && _sets[^1]; }
    }

    public void Set(bool high)
    {
        lock (_sets) _sets.Add(high);
    }
}

/// <summary>Single-byte port accesses, as a driver's inb/outb make them.</summary>
internal static class Port
{
    public static byte In(this IBusDevice device, ulong offset)
    {
        Span<byte> b = stackalloc byte[1];
        device.Read(offset, b);
        return b[0];
    }

    public static void Out(this IBusDevice device, ulong offset, byte value) => device.Write(offset, [value]);
}
