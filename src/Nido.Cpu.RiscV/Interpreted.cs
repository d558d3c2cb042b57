namespace Nido.Cpu.RiscV;

/// <summary>How <see cref="Hart"/>'s interpreter stopped.</summary>
internal enum Interpreted : byte
{
    /// <summary>At a jump, taken branch, trap or region-ending instruction: what follows is a region head.</summary>
    Branched,
    /// <summary>In sequence: after one instruction, or the budget ran out, or attention was asked for.</summary>
    Sequential,
    /// <summary>At a WFI that must wait for an interrupt.</summary>
    Wait,
}
