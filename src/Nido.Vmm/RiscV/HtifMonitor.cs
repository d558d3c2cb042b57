using Nido.Hypervisor.Memory;

namespace Nido.Vmm.RiscV;

/// <summary>
/// The host side of HTIF, the tohost/fromhost mailbox of riscv-tests-style programs and Spike: the guest writes a
/// command to <c>tohost</c> (device &lt;&lt; 56 | command &lt;&lt; 48 | payload); the host acts, clears tohost and
/// answers in <c>fromhost</c>. Implemented: exit (device 0, odd payload: code = payload &gt;&gt; 1), the syscall
/// proxy's write(64) and exit(93) (device 0, even payload: address of eight 64-bit words), and console output
/// (device 1, command 1). The mailbox is polled, so a guest must not overwrite tohost before the host cleared it
/// (which the convention requires anyway).
/// </summary>
internal sealed class HtifMonitor : IDisposable
{
    private const long SysWrite = 64, SysExit = 93;

    private readonly GuestMemory _memory;
    private readonly ulong _tohost;
    private readonly ulong? _fromhost;
    private readonly Stream _console;
    private readonly Action<VmOutcome> _stop;
    private readonly CancellationTokenSource _cancel = new();
    private Thread? _thread;

    public HtifMonitor(GuestMemory memory, ulong tohost, ulong? fromhost, Stream console, Action<VmOutcome> stop)
    {
        if (!memory.Contains(tohost, 8)) throw new VmmException($"kernel: its tohost symbol (0x{tohost:x}) is outside guest RAM");
        _memory = memory;
        _tohost = tohost;
        _fromhost = fromhost is { } f && memory.Contains(f, 8) ? f : null;
        _console = console;
        _stop = stop;
    }

    public void Start()
    {
        _thread = new Thread(Poll) { IsBackground = true, Name = "htif" };
        _thread.Start();
    }

    private void Poll()
    {
        var spins = 0;
        while (!_cancel.IsCancellationRequested)
        {
            var command = _memory.Read<ulong>(_tohost); // aligned 8-byte read: atomic against the guest's store
            if (command == 0)
            {
                // Spin briefly after activity (console bursts), then sleep.
                if (++spins > 200) _cancel.Token.WaitHandle.WaitOne(1);
                else Thread.Yield();
                continue;
            }
            spins = 0;
            if (!Handle(command)) return;
        }
    }

    /// <summary>Acts on one command; false once the VM is to stop.</summary>
    private bool Handle(ulong command)
    {
        var device = command >> 56;
        var cmd = (command >> 48) & 0xff;
        var payload = command & 0xffff_ffff_ffff;
        ulong reply = 1;
        switch (device)
        {
            case 0 when cmd == 0 && (payload & 1) == 1:
                Exit((long)(payload >> 1));
                return false;
            case 0 when cmd == 0:
                if (!Syscall(payload, out var exited)) return false;
                if (exited) return false;
                break;
            case 1 when cmd == 1:
                _console.WriteByte((byte)payload);
                _console.Flush();
                reply = command & ~0xffff_ffff_ffffUL;
                break;
            default:
                _stop(new VmOutcome(VmOutcome.GuestFailure, $"HTIF: unsupported request 0x{command:x16} (device {device}, command {cmd})"));
                return false;
        }
        _memory.Write<ulong>(_tohost, 0);
        if (_fromhost is { } f) _memory.Write(f, reply);
        return true;
    }

    private void Exit(long code) =>
        _stop(code == 0 ? new VmOutcome(0, null) : new VmOutcome((int)Math.Clamp(code, 1, 255), $"HTIF: the guest reported failure {code} (riscv-tests: test case {code} failed)"));

    private bool Syscall(ulong address, out bool exited)
    {
        exited = false;
        if (!_memory.Contains(address, 64))
        {
            _stop(new VmOutcome(VmOutcome.GuestFailure, $"HTIF: syscall block at 0x{address:x} is outside guest RAM"));
            return false;
        }
        var number = _memory.Read<long>(address);
        var (a0, a1, a2) = (_memory.Read<ulong>(address + 8), _memory.Read<ulong>(address + 16), _memory.Read<ulong>(address + 24));
        long result;
        switch (number)
        {
            case SysExit:
                Exit((long)a0);
                exited = true;
                return true;
            case SysWrite when a0 is 1 or 2 && a2 <= int.MaxValue && _memory.TryGetSpan(a1, (int)a2, out var bytes):
                _console.Write(bytes);
                _console.Flush();
                result = (long)a2;
                break;
            default:
                result = -38; // ENOSYS
                break;
        }
        _memory.Write(address, result);
        return true;
    }

    public void Dispose()
    {
        _cancel.Cancel();
        _thread?.Join();
        _cancel.Dispose();
    }
}
