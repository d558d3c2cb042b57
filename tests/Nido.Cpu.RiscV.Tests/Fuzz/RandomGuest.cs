using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Decoder;
using Nido.Cpu.RiscV.Tests.Infrastructure;

namespace Nido.Cpu.RiscV.Tests.Fuzz;

/// <summary>What a fuzzed guest's code region is filled with.</summary>
public enum CodeKind
{
    RandomWords,
    RandomHalfwords,
    ValidInstructions,
    Mixed,
}

/// <summary>
/// Random guest state for one fuzz iteration: code, data, page tables (Sv39/Sv48, valid and garbage entries),
/// CSRs, registers and the privilege to start in. RAM layout: trampoline page, code, data, page-table pool.
/// </summary>
internal sealed class RandomGuest(Random rng, TestMachine m)
{
    public const ulong Base = TestMachine.RamBase;
    public const ulong CodeStart = Base + 0x1000, CodeSize = 0x2_0000, DataStart = CodeStart + CodeSize, DataSize = 0x1_0000;
    public const ulong TablePool = Base + 0x4_0000, TablePoolSize = 0x4_0000;
    public const ulong RamSize = 0x8_0000;
    public const ulong Mmio = 0x1000_0000;

    private static readonly Encoding[] Lines = OpcodeTable.All;
    private static readonly ushort[] ValidHalfwords =
        [.. Enumerable.Range(0, 0x10000).Where(h => (h & 3) != 3 && InstructionDecoder.Decode16((ushort)h).Op != Op.Illegal).Select(h => (ushort)h)];

    /// <summary>CSRs the hart implements, so random CSR traffic mostly hits real registers.</summary>
    public static readonly ushort[] KnownCsrs =
    [
        CsrAddress.Fflags, CsrAddress.Frm, CsrAddress.Fcsr, CsrAddress.Cycle, CsrAddress.Time, CsrAddress.Instret,
        CsrAddress.Sstatus, CsrAddress.Sie, CsrAddress.Stvec, CsrAddress.Scounteren, CsrAddress.Senvcfg, CsrAddress.Sscratch,
        CsrAddress.Sepc, CsrAddress.Scause, CsrAddress.Stval, CsrAddress.Sip, CsrAddress.Satp, CsrAddress.Mhartid,
        CsrAddress.Mstatus, CsrAddress.Misa, CsrAddress.Medeleg, CsrAddress.Mideleg, CsrAddress.Mie, CsrAddress.Mtvec,
        CsrAddress.Mcounteren, CsrAddress.Menvcfg, CsrAddress.Mcountinhibit, CsrAddress.Mscratch, CsrAddress.Mepc,
        CsrAddress.Mcause, CsrAddress.Mtval, CsrAddress.Mip, CsrAddress.Pmpcfg0, CsrAddress.Pmpcfg0 + 2, CsrAddress.Pmpaddr0,
        CsrAddress.Pmpaddr0 + 15, CsrAddress.Mcycle, CsrAddress.Minstret, CsrAddress.HpmCounter3, CsrAddress.MhpmEvent3,
    ];

    private ulong _nextTable = TablePool;

    public void FillCode(CodeKind kind)
    {
        var code = m.Ram.Bytes.Slice((int)(CodeStart - Base), (int)CodeSize);
        for (var at = 0; at + 4 <= code.Length;)
        {
            // Mixed: mostly valid instructions, a quarter of them compressed, the rest random bits.
            var pick = kind == CodeKind.Mixed ? rng.Next(100) : -1;
            if (kind == CodeKind.RandomWords || pick is >= 80 and < 92) Put32(code, ref at, (uint)rng.NextInt64());
            else if (kind == CodeKind.RandomHalfwords || pick >= 92) Put16(code, ref at, (ushort)rng.Next(0x10000));
            else if (pick is >= 55 and < 80) Put16(code, ref at, ValidHalfwords[rng.Next(ValidHalfwords.Length)]);
            else Put32(code, ref at, ValidWord());
        }
        if (kind == CodeKind.ValidInstructions) // some valid compressed code too
            for (var k = 0; k < 2000; k++)
            {
                var off = rng.Next(code.Length / 2) * 2;
                BitConverter.TryWriteBytes(code[off..], ValidHalfwords[rng.Next(ValidHalfwords.Length)]);
            }
    }

    private static void Put32(Span<byte> code, ref int at, uint word)
    {
        BitConverter.TryWriteBytes(code[at..], word);
        at += 4;
    }

    private static void Put16(Span<byte> code, ref int at, ushort halfword)
    {
        BitConverter.TryWriteBytes(code[at..], halfword);
        at += 2;
    }

    /// <summary>A table line with random operands; CSR instructions mostly name implemented CSRs.</summary>
    public uint ValidWord()
    {
        var e = Lines[rng.Next(Lines.Length)];
        var bits = e.Match | ((uint)rng.NextInt64() & ~e.Mask);
        if (e.Format == Format.Csr && rng.Next(4) != 0) bits = (bits & 0x000f_ffff) | (uint)KnownCsrs[rng.Next(KnownCsrs.Length)] << 20;
        return bits;
    }

    public void FillData() => rng.NextBytes(m.Ram.Bytes.Slice((int)(DataStart - Base), (int)DataSize));

    /// <summary>A value a register might usefully hold: a RAM, code or device address, a small number, or anything.</summary>
    public ulong InterestingValue() => rng.Next(8) switch
    {
        0 => Base + (ulong)rng.NextInt64((long)RamSize),
        1 => CodeStart + (ulong)rng.NextInt64((long)CodeSize),
        2 => DataStart + (ulong)rng.NextInt64((long)DataSize) & ~7UL,
        3 => Mmio + (ulong)rng.Next(0x1000),
        4 => (ulong)rng.Next(-64, 64),
        5 => 0x4000_0000 + (ulong)rng.Next(0x10_0000), // the random 4 KiB mappings live here
        _ => (ulong)rng.NextInt64() ^ ((ulong)rng.NextInt64() << 32),
    };

    public void RandomRegisters()
    {
        for (var r = 1; r < 32; r++) m.Hart.SetX(r, InterestingValue());
    }

    /// <summary>satp for random Sv39 or Sv48 tables, bare mode, or a root outside RAM.</summary>
    public ulong RandomSatp()
    {
        switch (rng.Next(6))
        {
            case 0: return 0;
            case 1: return (8UL + (ulong)rng.Next(2)) << 60 | (ulong)rng.NextInt64(1L << 44); // root anywhere
        }
        var levels = rng.Next(2) == 0 ? 3 : 4;
        var root = NewTable();
        // A path mapping RAM (0x8000_0000) with a gigapage, flags mostly permissive.
        var table = root;
        if (levels == 4)
        {
            var l2 = NewTable();
            m.Write64(root, (l2 >> 12) << 10 | PageTables.V);
            table = l2;
        }
        m.Write64(table + 2 * 8, (Base >> 12) << 10 | RandomLeafFlags());
        FillRandomEntries(root, levels - 1);
        for (var k = 0; k < 32; k++) MapPage(root, levels, 0x4000_0000 + (ulong)rng.Next(256) * 4096, RandomPhysical(), RandomLeafFlags());
        return (levels == 3 ? 8UL : 9UL) << 60 | (ulong)rng.Next(0x10000) << 44 | root >> 12;
    }

    private ulong RandomPhysical() => rng.Next(6) switch
    {
        0 => Mmio + (ulong)rng.Next(16) * 4096,
        1 => (ulong)rng.NextInt64() & ((1UL << 56) - 4096),
        _ => Base + (ulong)rng.NextInt64((long)RamSize) & ~0xfffUL,
    };

    private ulong RandomLeafFlags()
    {
        ulong f = PageTables.V;
        if (rng.Next(4) != 0) f |= PageTables.R;
        if (rng.Next(3) != 0) f |= PageTables.W;
        if (rng.Next(4) != 0) f |= PageTables.X;
        if (rng.Next(2) == 0) f |= PageTables.U;
        if (rng.Next(4) != 0) f |= PageTables.A;
        if (rng.Next(3) != 0) f |= PageTables.D;
        if (rng.Next(20) == 0) f |= (ulong)rng.Next(1024) << 54; // reserved bits: a page fault
        if (f == PageTables.V) f |= PageTables.R;
        return f;
    }

    private void MapPage(ulong root, int levels, ulong va, ulong pa, ulong flags)
    {
        var table = root;
        for (var level = levels - 1; level > 0; level--)
        {
            var slot = table + ((va >> (12 + 9 * level)) & 511) * 8;
            var pte = m.Read64(slot);
            if ((pte & PageTables.V) == 0 || (pte & (PageTables.R | PageTables.X)) != 0)
            {
                var next = NewTable();
                pte = (next >> 12) << 10 | PageTables.V;
                m.Write64(slot, pte);
            }
            table = (pte >> 10 & ((1UL << 44) - 1)) << 12;
            if (table - Base >= RamSize) return; // a garbage pointer: leave it
        }
        m.Write64(table + ((va >> 12) & 511) * 8, (pa >> 12) << 10 | flags);
    }

    /// <summary>Garbage and half-sensible entries in a table and, through its pointers, below it.</summary>
    private void FillRandomEntries(ulong table, int level)
    {
        for (var k = rng.Next(4, 24); k > 0; k--)
        {
            var slot = table + (ulong)rng.Next(512) * 8;
            if (m.Read64(slot) != 0) continue;
            switch (rng.Next(4))
            {
                case 0: m.Write64(slot, (ulong)rng.NextInt64() ^ ((ulong)rng.NextInt64() << 40)); break;
                case 1: m.Write64(slot, (RandomPhysical() >> 12) << 10 | RandomLeafFlags()); break; // possibly a misaligned superpage
                default:
                    if (level == 0 || _nextTable >= TablePool + TablePoolSize) break; // bounded depth and count
                    var next = NewTable();
                    m.Write64(slot, (next >> 12) << 10 | PageTables.V | (rng.Next(8) == 0 ? PageTables.W : 0));
                    FillRandomEntries(next, level - 1);
                    break;
            }
        }
    }

    /// <summary>A zeroed table from the pool; when the pool is used up it starts over (old tables become garbage).</summary>
    private ulong NewTable()
    {
        if (_nextTable >= TablePool + TablePoolSize) _nextTable = TablePool;
        var t = _nextTable;
        _nextTable += 4096;
        m.Ram.Bytes.Slice((int)(t - Base), 4096).Clear();
        return t;
    }

    /// <summary>A trap vector: usually into the code (direct or vectored), sometimes anywhere.</summary>
    public ulong RandomTvec() => rng.Next(4) switch
    {
        0 => (ulong)rng.NextInt64(),
        _ => (CodeStart + (ulong)rng.NextInt64((long)CodeSize) & ~3UL) | (uint)rng.Next(2),
    };

    /// <summary>A CSR write the host (or a debugger) might make at any time; whether it is accepted does not matter.</summary>
    public void RandomCsrWrite()
    {
        var csr = rng.Next(3) == 0 ? (ushort)rng.Next(0x1000) : KnownCsrs[rng.Next(KnownCsrs.Length)];
        var value = csr switch
        {
            CsrAddress.Mtvec or CsrAddress.Stvec => RandomTvec(),
            CsrAddress.Satp => RandomSatp(),
            _ => InterestingValue(),
        };
        m.Hart.TryWriteCsr(csr, value);
    }
}
