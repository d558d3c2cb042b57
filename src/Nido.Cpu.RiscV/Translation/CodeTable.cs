namespace Nido.Cpu.RiscV.Translation;

/// <summary>
/// A RAM page's translations and the heat of its region entries, by halfword offset: one object per page, so
/// the hart switches both with one reference when fetch moves to another page.
/// </summary>
internal sealed class CodeTable(ulong physicalPage)
{
    public readonly ulong PhysicalPage = physicalPage;
    public readonly TranslatedBlock?[] Blocks = new TranslatedBlock?[2048];
    public readonly ushort[] Heat = new ushort[2048];
}
