namespace Nido.Devices;

/// <summary>A console device that takes host input (the UART, virtio-console) with back-pressure instead of loss.</summary>
public interface IConsoleInput
{
    /// <summary>Takes as many bytes as fit; returns how many.</summary>
    int EnqueueInput(ReadOnlySpan<byte> bytes);

    /// <summary>Blocks until there is room or the timeout passes.</summary>
    bool WaitForSpace(int timeoutMs);
}
