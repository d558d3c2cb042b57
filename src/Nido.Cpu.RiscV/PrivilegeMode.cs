namespace Nido.Cpu.RiscV;

/// <summary>The privilege levels of the privileged spec, with their mstatus.MPP encodings.</summary>
public enum PrivilegeMode : byte
{
    User = 0,
    Supervisor = 1,
    Machine = 3,
}
