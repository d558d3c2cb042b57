using System.Diagnostics;
using Nido.Cpu.RiscV;
using Nido.Hypervisor.RiscV;

namespace Nido.Hypervisor.Emu;

/// <summary>
/// One emulated hart. <see cref="Run"/> interprets instruction slices, refreshing the CLINT timer between them,
/// sends device accesses to the CLINT, the PLIC or the VMM's buses, and sleeps through WFI until an interrupt,
/// the timer or a kick.
/// </summary>
public sealed class EmuVcpu : IRiscVVcpu
{
    /// <summary>Instructions per slice: bounds timer latency and kick latency (well under a millisecond).</summary>
    private const long Slice = 100_000;

    private readonly EmuVm _vm;
    private readonly Hart _hart;
    private readonly Bus _bus;
    private readonly ManualResetEventSlim _wake = new(false);
    private int _kicked;

    internal EmuVcpu(EmuVm vm, int index)
    {
        _vm = vm;
        Index = index;
        _bus = new Bus(vm);
        _hart = new Hart(index, _bus, vm.Clint);
    }

    public int Index { get; }

    public ulong InstructionsRetired => _hart.InstructionsRetired;

    /// <summary>The hart itself (for tests and debuggers).</summary>
    public Hart Hart => _hart;

    public void SetEntry(ulong pc, ulong a0, ulong a1, ulong a2)
    {
        _hart.Pc = pc;
        _hart.SetX(10, a0);
        _hart.SetX(11, a1);
        _hart.SetX(12, a2);
    }

    public void AttachThread() { }

    public void DetachThread() { }

    public VmExit Run(IVcpuIo io)
    {
        _bus.Io = io;
        while (true)
        {
            if (Interlocked.Exchange(ref _kicked, 0) != 0) return VmExit.Interrupted;
            var untilTimer = _vm.Clint.RefreshTimer(Index);
            switch (_hart.Run(Slice))
            {
                case HartExit.Stopped:
                    return VmExit.Interrupted;
                case HartExit.WaitForInterrupt:
                    WaitForInterrupt(untilTimer);
                    break;
            }
        }
    }

    private void WaitForInterrupt(long untilTimer)
    {
        while (!_hart.InterruptWaiting && Volatile.Read(ref _kicked) == 0)
        {
            untilTimer = _vm.Clint.RefreshTimer(Index);
            if (_hart.InterruptWaiting) return;
            var ms = untilTimer < 0 ? 100 : (int)Math.Clamp(untilTimer * 1000 / Stopwatch.Frequency, 0, 100);
            _wake.Wait(ms);
            _wake.Reset();
        }
    }

    internal void SetInterrupt(int interrupt, bool level)
    {
        _hart.SetInterruptPending(interrupt, level);
        if (level) _wake.Set();
    }

    public void Kick()
    {
        Volatile.Write(ref _kicked, 1);
        _hart.RequestStop();
        _wake.Set();
    }

    public void Dispose() => _wake.Dispose();

    /// <summary>The hart's view of physical memory: RAM directly, the CLINT and PLIC here, the rest to the VMM.</summary>
    private sealed class Bus(EmuVm vm) : IMemoryBus
    {
        public IVcpuIo? Io;

        public ulong RamBase => vm.RamBase;

        public ulong RamSize => vm.RamSize;

        public nint RamPointer => vm.Memory.Regions[0].Mapping.Address;

        public bool Read(ulong address, int size, out ulong value)
        {
            var p = vm.Platform;
            if (address - p.ClintBase < EmuPlatform.ClintSize) return vm.Clint.Read(address - p.ClintBase, size, out value);
            if (address - p.PlicBase < EmuPlatform.PlicSize) return vm.Plic.Read(address - p.PlicBase, size, out value);
            Span<byte> data = stackalloc byte[8];
            data.Clear();
            Io!.MmioRead(address, data[..size]);
            value = BitConverter.ToUInt64(data);
            return true;
        }

        public bool Write(ulong address, int size, ulong value)
        {
            var p = vm.Platform;
            if (address - p.ClintBase < EmuPlatform.ClintSize) return vm.Clint.Write(address - p.ClintBase, size, value);
            if (address - p.PlicBase < EmuPlatform.PlicSize) return vm.Plic.Write(address - p.PlicBase, size, value);
            Span<byte> data = stackalloc byte[8];
            BitConverter.TryWriteBytes(data, value);
            Io!.MmioWrite(address, data[..size]);
            return true;
        }
    }
}
