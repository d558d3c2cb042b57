namespace Nido.Devices.Virtio.Net;

/// <summary>What virtio-net's offloads let the host side deliver: partial checksums and unsegmented TCP.</summary>
[Flags]
public enum NetOffloads
{
    None = 0, Checksum = 1, Tso4 = 2, Tso6 = 4,
}

/// <summary>
/// The host end of a virtio-net device. Packets in both directions start with a 12-byte virtio_net_hdr
/// (flags, gso_type, hdr_len, gso_size, csum_start, csum_offset, num_buffers) followed by the Ethernet frame.
/// </summary>
public interface INetBackend : IDisposable
{
    /// <summary>The host-side name (the TAP's interface name).</summary>
    string Name { get; }

    /// <summary>Sends one packet; false when the host dropped it (interface down, no buffer space).</summary>
    bool Send(ReadOnlySpan<byte> packet);

    /// <summary>Blocks until a packet arrives and returns its length, or -1 once <see cref="Close"/> was called.</summary>
    int Receive(Span<byte> buffer);

    /// <summary>Which offloaded packets the guest accepts (set when the driver negotiates features).</summary>
    void SetOffloads(NetOffloads offloads);

    /// <summary>Wakes a blocked <see cref="Receive"/> for good.</summary>
    void Close();
}
