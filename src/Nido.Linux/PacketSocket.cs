using System.Buffers.Binary;

namespace Nido.Linux;

/// <summary>
/// An AF_PACKET raw socket bound to one interface and one EtherType: whole Ethernet frames in and out, as seen
/// by the host side of an interface (tests use it to talk to a guest through its TAP).
/// </summary>
public sealed class PacketSocket : IDisposable
{
    private PacketSocket(SafeFdHandle handle) => Handle = handle;

    public SafeFdHandle Handle { get; }

    public static unsafe PacketSocket Open(string interfaceName, ushort etherType)
    {
        var index = NetworkInterface.IndexOf(interfaceName);
        if (index == 0) throw new ArgumentException($"no network interface named \"{interfaceName}\"", nameof(interfaceName));
        var protocol = BinaryPrimitives.ReverseEndianness(etherType);
        var fd = Errors.CheckFd(Interop.socket(Interop.AF_PACKET, Interop.SOCK_RAW | Interop.SOCK_CLOEXEC, protocol), "socket", "AF_PACKET");
        try
        {
            var addr = new Interop.SockAddrLl { sll_family = Interop.AF_PACKET, sll_protocol = protocol, sll_ifindex = index };
            Errors.Check(Interop.bind(fd, &addr, (uint)sizeof(Interop.SockAddrLl)), "bind", $"AF_PACKET {interfaceName}");
            return new PacketSocket(fd);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>Sends one frame (destination MAC first).</summary>
    public void Send(ReadOnlySpan<byte> frame) => FileIo.Write(Handle, frame);

    /// <summary>Receives one frame into <paramref name="buffer"/>; returns its length, or -1 when none came within the timeout.</summary>
    public int Receive(Span<byte> buffer, int timeoutMs) =>
        Epoll.WaitReadable(Handle, timeoutMs) ? FileIo.Read(Handle, buffer) : -1;

    public void Dispose() => Handle.Dispose();
}
