namespace Nido.Devices;

/// <summary>A device on a port or MMIO bus; offsets are relative to the range it was inserted at.</summary>
public interface IBusDevice
{
    /// <summary>Fills <paramref name="data"/> (1–8 bytes, little-endian).</summary>
    void Read(ulong offset, Span<byte> data);

    void Write(ulong offset, ReadOnlySpan<byte> data);
}

/// <summary>An interrupt input of the machine's interrupt controller (PIC/IOAPIC pin, PLIC source).</summary>
public interface IInterruptLine
{
    void Set(bool high);

    /// <summary>An edge: raised and lowered at once.</summary>
    void Pulse()
    {
        Set(true);
        Set(false);
    }
}
