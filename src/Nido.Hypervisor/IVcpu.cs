namespace Nido.Hypervisor;

/// <summary>
/// One virtual CPU. <see cref="Run"/> is called only from the vCPU's own thread; it handles port and MMIO
/// accesses through <see cref="IVcpuIo"/> itself and returns on anything else the VMM must decide on.
/// </summary>
public interface IVcpu : IDisposable
{
    int Index { get; }

    /// <summary>Prepares the calling thread to run this vCPU (signal masks for <see cref="Kick"/>); once per thread.</summary>
    void AttachThread();

    /// <summary>Called by the vCPU's thread as it leaves for good, so that no later kick signals a reused thread id.</summary>
    void DetachThread();

    VmExit Run(IVcpuIo io);

    /// <summary>From any thread: makes the current or next <see cref="Run"/> return <see cref="VmExitKind.Interrupted"/>.</summary>
    void Kick();
}

/// <summary>The VMM side of guest I/O: a vCPU calls it for each access it cannot complete itself.</summary>
public interface IVcpuIo
{
    void PioRead(ushort port, Span<byte> data);

    void PioWrite(ushort port, ReadOnlySpan<byte> data);

    void MmioRead(ulong address, Span<byte> data);

    void MmioWrite(ulong address, ReadOnlySpan<byte> data);
}
