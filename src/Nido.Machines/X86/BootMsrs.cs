using Nido.Hypervisor.X86;

namespace Nido.Machines.X86;

/// <summary>The MSR values firmware leaves for an OS: syscall MSRs cleared, fast strings on, MTRRs on with write-back default.</summary>
public static class BootMsrs
{
    public static readonly MsrEntry[] Entries =
    [
        new(0x174, 0), new(0x175, 0), new(0x176, 0),                     // SYSENTER_CS/ESP/EIP
        new(0xc0000081, 0), new(0xc0000082, 0), new(0xc0000083, 0),      // STAR, LSTAR, CSTAR
        new(0xc0000084, 0), new(0xc0000102, 0),                          // SYSCALL_MASK, KERNEL_GS_BASE
        new(0x10, 0),                                                    // TSC
        new(0x1a0, 1),                                                   // MISC_ENABLE: fast strings
        new(0x2ff, 1 << 11 | 6),                                         // MTRRdefType: enabled, write-back
    ];
}
