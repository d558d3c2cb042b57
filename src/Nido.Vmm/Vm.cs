using Nido.Devices;
using Nido.Hypervisor;

namespace Nido.Vmm;

public enum VmRunState { NotStarted, Running, Paused, Stopped }

/// <summary>
/// A built VM: guest memory, the hypervisor VM, its vCPUs and buses. <see cref="Run"/> starts one thread per
/// vCPU and returns when the guest or the host ends the VM; every thread has left the guest by then.
/// </summary>
public sealed class Vm : IDisposable
{
    private readonly IHypervisor _hypervisor;
    private readonly IVm _vm;
    private readonly IReadOnlyList<IVcpu> _vcpus;
    private readonly IVcpuIo _io;
    private readonly ManualResetEventSlim _running = new(true);
    private readonly TaskCompletionSource<VmOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Action> _onStart = [];
    private readonly List<IDisposable> _owned = [];
    private readonly object _stateLock = new();
    private int _parked;
    private volatile bool _stopping;
    private volatile VmRunState _state = VmRunState.NotStarted;

    internal Vm(IHypervisor hypervisor, IVm vm, IReadOnlyList<IVcpu> vcpus, Bus ports, Bus mmio)
    {
        _hypervisor = hypervisor;
        _vm = vm;
        _vcpus = vcpus;
        Ports = ports;
        Mmio = mmio;
        _io = new MachineIo(ports, mmio);
    }

    public Bus Ports { get; }

    public Bus Mmio { get; }

    public VmRunState State => _state;

    /// <summary>Devices the API reaches after boot, by their configured ids.</summary>
    public Dictionary<string, Nido.Devices.Virtio.Block.VirtioBlock> Drives { get; } = [];

    public Dictionary<string, Nido.Devices.Virtio.Net.VirtioNet> Networks { get; } = [];

    public Nido.Devices.Legacy.I8042? Keyboard { get; internal set; }

    internal IVm Hypervisor => _vm;

    /// <summary>Resources that live as long as the VM (disk files, taps); disposed after the vCPUs stop.</summary>
    internal T Own<T>(T resource) where T : IDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    /// <summary>Work to start with the vCPUs (console input pumps, device workers).</summary>
    internal void OnStart(Action action) => _onStart.Add(action);

    public VmOutcome Run()
    {
        if (_state != VmRunState.NotStarted) throw new InvalidOperationException("the VM has already run");
        _state = VmRunState.Running;
        var threads = _vcpus.Select(v => new Thread(() => VcpuMain(v)) { IsBackground = true, Name = $"vcpu {v.Index}" }).ToList();
        foreach (var thread in threads) thread.Start();
        foreach (var action in _onStart) action();
        var outcome = _outcome.Task.GetAwaiter().GetResult();
        foreach (var thread in threads) thread.Join();
        _state = VmRunState.Stopped;
        return outcome;
    }

    /// <summary>Ends the VM with <paramref name="outcome"/> (the first request wins) and takes every vCPU out of the guest.</summary>
    public void Stop(VmOutcome outcome)
    {
        if (!_outcome.TrySetResult(outcome)) return;
        _stopping = true;
        _running.Set();
        foreach (var vcpu in _vcpus) vcpu.Kick();
    }

    /// <summary>
    /// Takes every vCPU out of the guest and returns once all of them are parked (no guest code runs; device
    /// threads such as network receive still may fill buffers), or the VM stopped meanwhile. False when the
    /// VM was not running; a VmmException, with the VM running again, when a vCPU did not stop in time
    /// (stuck in a device call).
    /// </summary>
    public bool Pause(int timeoutMs = 5000)
    {
        lock (_stateLock)
        {
            if (_state != VmRunState.Running || _stopping) return false;
            _running.Reset();
            _state = VmRunState.Paused;
            foreach (var vcpu in _vcpus) vcpu.Kick();
            var deadline = Environment.TickCount64 + timeoutMs;
            while (Volatile.Read(ref _parked) < _vcpus.Count && !_stopping)
            {
                if (Environment.TickCount64 > deadline)
                {
                    _state = VmRunState.Running;
                    _running.Set();
                    throw new VmmException($"{_vcpus.Count - Volatile.Read(ref _parked)} vCPU(s) did not stop within {timeoutMs} ms");
                }
                Monitor.Wait(_stateLock, 10);
            }
            return true;
        }
    }

    /// <summary>Lets the parked vCPUs run again; false when the VM was not paused.</summary>
    public bool Resume()
    {
        lock (_stateLock)
        {
            if (_state != VmRunState.Paused || _stopping) return false;
            _state = VmRunState.Running;
            _running.Set();
            return true;
        }
    }

    private void Park()
    {
        Interlocked.Increment(ref _parked);
        lock (_stateLock) Monitor.PulseAll(_stateLock);
        _running.Wait();
        Interlocked.Decrement(ref _parked);
    }

    private void VcpuMain(IVcpu vcpu)
    {
        try
        {
            vcpu.AttachThread();
            while (!_stopping)
            {
                if (!_running.IsSet)
                {
                    Park();
                    continue;
                }
                var exit = vcpu.Run(_io);
                switch (exit.Kind)
                {
                    case VmExitKind.Interrupted:
                        break;
                    case VmExitKind.Halted:
                        Thread.Sleep(1); // Only without an in-kernel interrupt controller.
                        break;
                    case VmExitKind.Shutdown:
                        Stop(new VmOutcome(VmOutcome.GuestFailure, $"guest {exit.Detail ?? "shutdown"} on vCPU {vcpu.Index} (the machine would reset)"));
                        break;
                    case VmExitKind.Reset:
                        Stop(new VmOutcome(VmOutcome.GuestFailure, "guest requested a reset (reboot)"));
                        break;
                    case VmExitKind.PowerOff:
                        Stop(new VmOutcome(0, null));
                        break;
                    default:
                        Stop(new VmOutcome(VmOutcome.GuestFailure, $"vCPU {vcpu.Index}: {exit.Detail}"));
                        break;
                }
            }
        }
        catch (Exception e)
        {
            // A device or hypervisor failure ends this VM, never the process.
            Stop(new VmOutcome(VmOutcome.GuestFailure, $"vCPU {vcpu.Index}: {e.Message}"));
        }
        finally
        {
            vcpu.DetachThread();
        }
    }

    public void Dispose()
    {
        Stop(new VmOutcome(VmOutcome.GuestFailure, "VM disposed"));
        // Device threads (net receive) go first: they raise interrupts on the VM and write guest memory.
        for (var i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _vm.Dispose();
        _vm.Memory.Dispose();
        _hypervisor.Dispose();
        _running.Dispose();
    }
}
