namespace Nido.Cpu.RiscV.Tests.Infrastructure;

/// <summary>Builds Sv39/Sv48 page tables in a test machine's RAM, one 4 KiB page at a time.</summary>
internal sealed class PageTables(TestMachine machine, ulong root, int levels = 3)
{
    public const ulong V = 1, R = 2, W = 4, X = 8, U = 16, G = 32, A = 64, D = 128;

    private ulong _nextTable = root + 4096;

    /// <summary>satp for these tables (ASID 0).</summary>
    public ulong Satp => (levels == 3 ? 8UL : 9UL) << 60 | root >> 12;

    /// <summary>Maps the 4 KiB page at <paramref name="va"/> to <paramref name="pa"/> with <paramref name="flags"/> (V is added).</summary>
    public void Map(ulong va, ulong pa, ulong flags) => Map(va, pa, flags, 0);

    /// <summary>
    /// Maps the leaf at <paramref name="leafLevel"/> (0: 4 KiB, 1: 2 MiB, 2: 1 GiB) covering <paramref name="va"/>,
    /// replacing whatever PTE is there.
    /// </summary>
    public void Map(ulong va, ulong pa, ulong flags, int leafLevel)
    {
        var table = root;
        for (var level = levels - 1; level > leafLevel; level--)
        {
            var slot = table + ((va >> (12 + 9 * level)) & 511) * 8;
            var pte = machine.Read64(slot);
            if ((pte & V) == 0)
            {
                pte = (_nextTable >> 12) << 10 | V;
                _nextTable += 4096;
                machine.Write64(slot, pte);
            }
            table = (pte >> 10 & ((1UL << 44) - 1)) << 12;
        }
        machine.Write64(table + ((va >> (12 + 9 * leafLevel)) & 511) * 8, (pa >> 12) << 10 | flags | V);
    }
}
