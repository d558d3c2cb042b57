using System.Runtime.InteropServices;
using Nido.Hypervisor.X86;
using Nido.Linux;

namespace Nido.Hypervisor.Kvm;

/// <summary>
/// A KVM vCPU: its fd and the shared kvm_run page. Port and MMIO exits are answered through <see cref="IVcpuIo"/>
/// inside <see cref="Run"/>; a kick sets immediate_exit and signals the thread, whose signal is blocked except
/// while inside KVM_RUN (KVM_SET_SIGNAL_MASK), so it interrupts the guest without a handler.
/// </summary>
public sealed unsafe class KvmVcpu : IX86Vcpu
{
    /// <summary>The thread-directed signal that interrupts KVM_RUN; not one the .NET runtime uses.</summary>
    public static readonly int KickSignal = Signals.SIGRTMIN + 6;

    private readonly SafeFdHandle _fd;
    private readonly MappedMemory _runMapping;
    private readonly byte* _run;
    private readonly int _runSize;
    private readonly object _threadLock = new();
    private int _threadId;

    private KvmVcpu(int index, SafeFdHandle fd, MappedMemory run)
    {
        Index = index;
        _fd = fd;
        _runMapping = run;
        _run = (byte*)run.Address;
        _runSize = (int)run.Length;
    }

    public int Index { get; }

    internal static KvmVcpu Create(KvmVm vm, int index, int runSize)
    {
        var fd = new SafeFdHandle(Ioctl.Call(vm.Handle, KvmApi.CreateVcpu, index, $"KVM_CREATE_VCPU {index}"));
        try { return new KvmVcpu(index, fd, MappedMemory.File(fd, runSize)); }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    public void AttachThread()
    {
        var previous = Signals.BlockOnThread(Signals.MaskOf(KickSignal));
        // struct kvm_signal_mask { __u32 len; __u8 sigset[8]; }: the mask while in the guest = ours without the kick.
        var buffer = stackalloc byte[12];
        *(uint*)buffer = 8;
        *(ulong*)(buffer + 4) = previous & ~Signals.MaskOf(KickSignal);
        Ioctl.Call(_fd, KvmApi.SetSignalMask, (nint)buffer, "KVM_SET_SIGNAL_MASK");
        lock (_threadLock) _threadId = Signals.CurrentThreadId;
    }

    public void DetachThread()
    {
        lock (_threadLock) _threadId = 0;
    }

    public void Kick()
    {
        Volatile.Write(ref _run[KvmApi.RunImmediateExit], 1);
        // Under the lock the thread cannot detach (and exit, and have its id reused) between the check and the signal.
        lock (_threadLock)
        {
            if (_threadId != 0) Signals.SendToThread(_threadId, KickSignal);
        }
    }

    public VmExit Run(IVcpuIo io)
    {
        while (true)
        {
            if (Interop_Run() is { } interrupted) return interrupted;
            var reason = *(uint*)(_run + KvmApi.RunExitReason);
            switch (reason)
            {
                case KvmApi.ExitIo:
                    HandleIo(io);
                    continue;
                case KvmApi.ExitMmio:
                    HandleMmio(io);
                    continue;
                case KvmApi.ExitIntr:
                case KvmApi.ExitIrqWindowOpen:
                    return VmExit.Interrupted;
                case KvmApi.ExitHlt:
                    return new VmExit(VmExitKind.Halted);
                case KvmApi.ExitShutdown:
                    return new VmExit(VmExitKind.Shutdown, $"triple fault{Where()}");
                case KvmApi.ExitSystemEvent:
                    return *(uint*)(_run + KvmApi.RunUnion) switch
                    {
                        KvmApi.SystemEventReset => new VmExit(VmExitKind.Reset, "guest reset"),
                        KvmApi.SystemEventShutdown => new VmExit(VmExitKind.PowerOff, "guest powered off"),
                        var type => new VmExit(VmExitKind.Failed, $"guest crash (system event {type})"),
                    };
                case KvmApi.ExitFailEntry:
                    return Failed($"entry failed, hardware reason 0x{*(ulong*)(_run + KvmApi.RunUnion):x}");
                case KvmApi.ExitInternalError:
                    return Failed(*(uint*)(_run + KvmApi.RunUnion) switch
                    {
                        1 => "KVM could not emulate an instruction",
                        2 => "KVM hit a simultaneous exception",
                        3 => "KVM could not deliver an event",
                        var sub => $"internal error, suberror {sub}",
                    });
                default:
                    return Failed($"unexpected exit reason {reason}");
            }
        }
    }

    private VmExit Failed(string what) => new(VmExitKind.Failed, $"KVM_RUN: {what}{Where()}");

    // Where the guest was, for messages about a failure it caused.
    private string Where()
    {
        try
        {
            var regs = GetRegisters();
            var sregs = GetSpecialRegisters();
            return $" at cs:rip 0x{sregs.Cs.Selector:x}:0x{regs.Rip:x} (cr0 0x{sregs.Cr0:x})";
        }
        catch (ErrnoException) { return ""; }
    }

    // KVM_RUN; null when the guest exited for a reason in kvm_run, Interrupted when a kick or signal stopped it.
    private VmExit? Interop_Run()
    {
        try
        {
            Ioctl.Call(_fd, KvmApi.Run, 0, "KVM_RUN");
            return null;
        }
        catch (ErrnoException e) when (e.Errno is Errno.EINTR or Errno.EAGAIN)
        {
            Volatile.Write(ref _run[KvmApi.RunImmediateExit], 0);
            while (Signals.TakePending(KickSignal)) { }
            return VmExit.Interrupted;
        }
    }

    private void HandleIo(IVcpuIo io)
    {
        var io0 = _run + KvmApi.RunUnion;
        var output = io0[0] == 1;
        var size = io0[1];
        var port = *(ushort*)(io0 + 2);
        var count = *(uint*)(io0 + 4);
        var offset = *(ulong*)(io0 + 8);
        if (size is not (1 or 2 or 4) || offset + (ulong)size * count > (ulong)_runSize) return;
        var data = _run + offset;
        for (var i = 0; i < count; i++, data += size)
        {
            var span = new Span<byte>(data, size);
            if (output) io.PioWrite(port, span);
            else io.PioRead(port, span);
        }
    }

    private void HandleMmio(IVcpuIo io)
    {
        var mmio = _run + KvmApi.RunUnion;
        var address = *(ulong*)mmio;
        var length = *(uint*)(mmio + 16);
        if (length is 0 or > 8) return;
        var data = new Span<byte>(mmio + 8, (int)length);
        if (mmio[20] != 0) io.MmioWrite(address, data);
        else io.MmioRead(address, data);
    }

    public StandardRegisters GetRegisters() => Get<StandardRegisters>(KvmApi.GetRegs, "KVM_GET_REGS");

    public void SetRegisters(in StandardRegisters registers) => Set(KvmApi.SetRegs, registers, "KVM_SET_REGS");

    public SpecialRegisters GetSpecialRegisters() => Get<SpecialRegisters>(KvmApi.GetSregs, "KVM_GET_SREGS");

    public void SetSpecialRegisters(in SpecialRegisters registers) => Set(KvmApi.SetSregs, registers, "KVM_SET_SREGS");

    public void SetFpu(in FpuState fpu) => Set(KvmApi.SetFpu, fpu, "KVM_SET_FPU");

    private T Get<T>(uint request, string name) where T : unmanaged
    {
        var value = default(T);
        Ioctl.Call(_fd, request, ref value, name);
        return value;
    }

    private void Set<T>(uint request, in T value, string name) where T : unmanaged
    {
        var copy = value; // Ioctl.Call takes a ref; the caller's value stays untouched.
        Ioctl.Call(_fd, request, ref copy, name);
    }

    public void SetCpuid(ReadOnlySpan<CpuidEntry> entries) => CallWithEntries(KvmApi.SetCpuid2, entries, "KVM_SET_CPUID2");

    public void SetMsrs(ReadOnlySpan<MsrEntry> entries)
    {
        var set = CallWithEntries(KvmApi.SetMsrs, entries, "KVM_SET_MSRS");
        if (set < entries.Length) throw new HypervisorException($"KVM_SET_MSRS: KVM refused MSR 0x{entries[set].Index:x}");
    }

    // The shape kvm_cpuid2 and kvm_msrs share: a u32 count, u32 padding, then the entries.
    private int CallWithEntries<T>(uint request, ReadOnlySpan<T> entries, string name) where T : unmanaged
    {
        var buffer = (byte*)NativeMemory.AllocZeroed((nuint)(8 + entries.Length * sizeof(T)));
        try
        {
            *(uint*)buffer = (uint)entries.Length;
            entries.CopyTo(new Span<T>(buffer + 8, entries.Length));
            return Ioctl.Call(_fd, request, (nint)buffer, name);
        }
        finally { NativeMemory.Free(buffer); }
    }

    public void SetupLocalInterrupts()
    {
        const int Lint0 = 0x350, Lint1 = 0x360, ExtInt = 7, Nmi = 4;
        var lapic = stackalloc byte[1024];
        Ioctl.Call(_fd, KvmApi.GetLapic, (nint)lapic, "KVM_GET_LAPIC");
        *(uint*)(lapic + Lint0) = (*(uint*)(lapic + Lint0) & ~0x700u) | ExtInt << 8;
        *(uint*)(lapic + Lint1) = (*(uint*)(lapic + Lint1) & ~0x700u) | Nmi << 8;
        Ioctl.Call(_fd, KvmApi.SetLapic, (nint)lapic, "KVM_SET_LAPIC");
    }

    public void Dispose()
    {
        DetachThread();
        _runMapping.Dispose();
        _fd.Dispose();
    }
}
