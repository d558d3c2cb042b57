using Nido.Devices;

namespace Nido.Vmm;

/// <summary>
/// Feeds the host's input to the guest's console (UART or virtio-console) on a background thread, waiting for FIFO room rather than
/// dropping bytes. On a terminal, Ctrl-A x ends the VM (QEMU's escape) and Ctrl-A Ctrl-A sends one Ctrl-A.
/// </summary>
internal sealed class ConsoleInput(Stream input, IConsoleInput uart, bool escapes, Action quit)
{
    private const byte CtrlA = 0x01;

    public void Start()
    {
        var thread = new Thread(Pump) { IsBackground = true, Name = "nido console input" };
        thread.Start();
    }

    private void Pump()
    {
        var buffer = new byte[256];
        var escaped = false;
        try
        {
            int n;
            while ((n = input.Read(buffer)) > 0)
            {
                var bytes = buffer.AsSpan(0, n);
                if (escapes)
                {
                    var kept = 0;
                    foreach (var b in bytes)
                    {
                        if (escaped)
                        {
                            escaped = false;
                            if (b is (byte)'x' or (byte)'X') { quit(); return; }
                            if (b != CtrlA) continue;
                        }
                        else if (b == CtrlA) { escaped = true; continue; }
                        buffer[kept++] = b;
                    }
                    bytes = buffer.AsSpan(0, kept);
                }
                while (!bytes.IsEmpty)
                {
                    var taken = uart.EnqueueInput(bytes);
                    bytes = bytes[taken..];
                    if (!bytes.IsEmpty) uart.WaitForSpace(100);
                }
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }
}
