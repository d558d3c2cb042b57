using System.Buffers.Binary;
using Nido.Cpu.RiscV.Csr;

namespace Nido.Cpu.RiscV.Tests.Infrastructure;

/// <summary>One hart over guarded native RAM at 0x8000_0000 and a <see cref="TestBus"/>, with helpers to place code.</summary>
internal sealed class TestMachine : IDisposable
{
    public const ulong RamBase = TestBus.DefaultRamBase;

    public TestMachine(ulong ramSize = 1 << 20, Translation.IBlockTranslator? translator = null)
    {
        Ram = new NativeRam(ramSize);
        Bus = new TestBus(Ram);
        Hart = new Hart(0, Bus, Clock, translator);
        Hart.Pc = RamBase;
        OpenPmp();
    }

    /// <summary>
    /// What firmware does before it enters S-mode: one NAPOT PMP entry over all memory with R, W and X, since with
    /// no matching entry S and U mode may access nothing.
    /// </summary>
    public void OpenPmp()
    {
        SetCsr(CsrAddress.Pmpaddr0, (1UL << 54) - 1);
        SetCsr(CsrAddress.Pmpcfg0, 0x1f);
    }

    public NativeRam Ram { get; }
    public TestBus Bus { get; }
    public FixedClock Clock { get; } = new();
    public Hart Hart { get; }

    /// <summary>Writes 32-bit words (little-endian) from <paramref name="address"/> on; returns the address after them.</summary>
    public ulong Code(ulong address, params uint[] words)
    {
        foreach (var w in words)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(Ram.Bytes[(int)(address - RamBase)..], w);
            address += 4;
        }
        return address;
    }

    public void Code16(ulong address, ushort halfword) =>
        BinaryPrimitives.WriteUInt16LittleEndian(Ram.Bytes[(int)(address - RamBase)..], halfword);

    public void Write64(ulong address, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Ram.Bytes[(int)(address - RamBase)..], value);

    public ulong Read64(ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(Ram.Bytes[(int)(address - RamBase)..]);

    /// <summary>A CSR as the hart's current privilege reads it (the test fails when that is not allowed).</summary>
    public ulong Csr(ushort csr)
    {
        Assert.True(Hart.TryReadCsr(csr, out var value), $"CSR 0x{csr:x} is not readable in {Hart.Mode}");
        return value;
    }

    public void SetCsr(ushort csr, ulong value) => Assert.True(Hart.TryWriteCsr(csr, value), $"CSR 0x{csr:x} is not writable");

    /// <summary>Points mtvec at a parked handler (j .) at <paramref name="handler"/>.</summary>
    public void ParkTraps(ulong handler = RamBase + 0xf000)
    {
        Code(handler, Asm.Park);
        SetCsr(CsrAddress.Mtvec, handler);
    }

    /// <summary>Drops from M-mode to <paramref name="mode"/> at <paramref name="entry"/> through an mret placed at <paramref name="trampoline"/>.</summary>
    public void Enter(PrivilegeMode mode, ulong entry, ulong trampoline = RamBase + 0xe000)
    {
        Assert.Equal(PrivilegeMode.Machine, Hart.Mode);
        Code(trampoline, Asm.Mret);
        SetCsr(CsrAddress.Mstatus, (Csr(CsrAddress.Mstatus) & ~MStatus.Mpp) | (ulong)mode << MStatus.MppShift);
        SetCsr(CsrAddress.Mepc, entry);
        Hart.Pc = trampoline;
        Assert.True(Hart.Step());
        Assert.Equal(mode, Hart.Mode);
        Assert.Equal(entry, Hart.Pc);
    }

    public void Dispose()
    {
        var stray = Ram.CheckCanaries();
        Assert.True(stray is null, stray);
        Ram.Dispose();
    }
}
