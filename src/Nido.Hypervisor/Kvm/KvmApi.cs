namespace Nido.Hypervisor.Kvm;

/// <summary>/dev/kvm request numbers and capability ids (linux/kvm.h, x86-64).</summary>
internal static class KvmApi
{
    public const int ApiVersion = 12;

    // System ioctls.
    public const uint GetApiVersion = 0xae00, CreateVm = 0xae01, CheckExtension = 0xae03, GetVcpuMmapSize = 0xae04;
    public const uint GetSupportedCpuid = 0xc008ae05;
    // VM ioctls.
    public const uint CreateVcpu = 0xae41, SetUserMemoryRegion = 0x4020ae46, SetTssAddr = 0xae47, SetIdentityMapAddr = 0x4008ae48;
    public const uint GetIrqchip = 0xc208ae62, SetIrqchip = 0x8208ae63;
    public const uint CreateIrqchip = 0xae60, IrqLine = 0x4008ae61, Irqfd = 0x4020ae76, CreatePit2 = 0x4040ae77, Ioeventfd = 0x4040ae79;
    // vCPU ioctls.
    public const uint Run = 0xae80, GetRegs = 0x8090ae81, SetRegs = 0x4090ae82, GetSregs = 0x8138ae83, SetSregs = 0x4138ae84;
    public const uint SetMsrs = 0x4008ae89, SetCpuid2 = 0x4008ae90, GetLapic = 0x8400ae8e, SetLapic = 0x4400ae8f;
    public const uint SetFpu = 0x41a0ae8d, SetSignalMask = 0x4004ae8b;

    // Capabilities the backend relies on.
    public const int CapIrqchip = 0, CapHlt = 1, CapUserMemory = 3, CapSetTssAddr = 4, CapExtCpuid = 7, CapNrVcpus = 9;
    public const int CapPit2 = 33, CapIrqfd = 32, CapIoeventfd = 36, CapMaxVcpus = 66, CapImmediateExit = 136;

    // kvm_run.exit_reason values.
    public const uint ExitUnknown = 0, ExitException = 1, ExitIo = 2, ExitHypercall = 3, ExitDebug = 4, ExitHlt = 5, ExitMmio = 6;
    public const uint ExitIrqWindowOpen = 7, ExitShutdown = 8, ExitFailEntry = 9, ExitIntr = 10, ExitInternalError = 17;
    public const uint ExitSystemEvent = 24;

    // kvm_run field offsets.
    public const int RunImmediateExit = 1, RunExitReason = 8, RunUnion = 32;

    // System event types (kvm_run.system_event.type).
    public const uint SystemEventShutdown = 1, SystemEventReset = 2, SystemEventCrash = 3;
}
