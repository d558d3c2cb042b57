namespace Nido.Devices;

/// <summary>
/// Bytes waiting for a guest console (UART FIFO, virtio-console), bounded: a producer learns how many fit and
/// waits for room with <see cref="WaitForSpace"/>, so host input is held back, never dropped.
/// </summary>
public sealed class HostInputQueue(int capacity)
{
    private readonly Queue<byte> _bytes = new();

    public int Count
    {
        get { lock (_bytes) return _bytes.Count; }
    }

    /// <summary>Takes as many bytes as fit; returns how many.</summary>
    public int Enqueue(ReadOnlySpan<byte> bytes)
    {
        lock (_bytes)
        {
            var taken = 0;
            while (taken < bytes.Length && _bytes.Count < capacity) _bytes.Enqueue(bytes[taken++]);
            return taken;
        }
    }

    /// <summary>Moves up to <paramref name="destination"/>.Length bytes out; returns how many.</summary>
    public int Dequeue(Span<byte> destination)
    {
        lock (_bytes)
        {
            var n = 0;
            while (n < destination.Length && _bytes.TryDequeue(out var b)) destination[n++] = b;
            if (n > 0) Monitor.PulseAll(_bytes);
            return n;
        }
    }

    public void Clear()
    {
        lock (_bytes)
        {
            _bytes.Clear();
            Monitor.PulseAll(_bytes);
        }
    }

    /// <summary>Blocks until there is room or the timeout passes; true when there is room.</summary>
    public bool WaitForSpace(int timeoutMs)
    {
        lock (_bytes)
            return _bytes.Count < capacity || Monitor.Wait(_bytes, timeoutMs) && _bytes.Count < capacity;
    }
}
