using Nido.Vmm.Config;
using Nido.Vmm.RiscV;
using Nido.Vmm.X86;

namespace Nido.Vmm;

/// <summary>Builds the machine a configuration's architecture calls for.</summary>
public static class MachineFactory
{
    public static Vm Build(VmConfig config, ConsoleStreams console) => config.Arch switch
    {
        Architecture.RiscV64 => RiscVMachine.Build(config, console),
        _ => X86Machine.Build(config, console),
    };
}
