using System.Collections.Concurrent;
using Nido.Devices.Virtio.Net;

namespace Nido.Devices.Tests.Virtio;

/// <summary>A backend that records what the guest sends and injects what a test "receives".</summary>
internal sealed class FakeBackend : INetBackend
{
    public readonly ConcurrentQueue<byte[]> Sent = new();
    public readonly BlockingCollection<byte[]> Incoming = new();
    public NetOffloads Offloads = (NetOffloads)(-1);
    public bool Accept = true;

    public string Name => "fake0";

    public bool Send(ReadOnlySpan<byte> packet)
    {
        if (Accept) Sent.Enqueue(packet.ToArray());
        return Accept;
    }

    public int Receive(Span<byte> buffer)
    {
        try
        {
            var p = Incoming.Take();
            p.CopyTo(buffer);
            return p.Length;
        }
        catch (InvalidOperationException) { return -1; }
    }

    public void SetOffloads(NetOffloads offloads) => Offloads = offloads;

    public void Close() => Incoming.CompleteAdding();

    public void Dispose() { }
}
