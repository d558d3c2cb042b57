using System.Text;

namespace Nido.Linux.Tests;

public class DescriptorPassingTests
{
    [Fact]
    public void Scm_rights_moves_a_working_descriptor_with_its_payload()
    {
        var (s1, s2) = UnixSockets.SocketPair();
        var (r, w) = FileIo.Pipe();
        using (s1)
        using (s2)
        using (r)
        {
            UnixSockets.SendFds(s1, "/dev/pts/7"u8, [w]);
            w.Dispose();
            var buf = new byte[64];
            var (len, fds) = UnixSockets.ReceiveFds(s2, buf);
            Assert.Equal("/dev/pts/7", Encoding.ASCII.GetString(buf, 0, len));
            var received = Assert.Single(fds);
            Assert.True(FileIo.IsCloseOnExec(received));
            using (received) FileIo.Write(received, "through"u8);
            Assert.Equal("through", Run.ReadAll(r));
        }
    }

    [Fact]
    public void Empty_payloads_and_no_descriptors_are_rejected()
    {
        var (s1, s2) = UnixSockets.SocketPair();
        using (s1)
        using (s2)
        {
            Assert.Throws<ArgumentException>(() => UnixSockets.SendFds(s1, [], [s2]));
            Assert.Throws<ArgumentException>(() => UnixSockets.SendFds(s1, "x"u8, []));
        }
    }

    [Fact]
    public void Openpty_pairs_carry_data_and_window_size()
    {
        using var pty = Pty.Open(30, 100);
        Assert.StartsWith("/dev/pts/", pty.SlaveName);
        Assert.Equal(((ushort)30, (ushort)100), Pty.GetWindowSize(pty.Slave));
        Pty.SetWindowSize(pty.Master, 40, 120);
        Assert.Equal(((ushort)40, (ushort)120), Pty.GetWindowSize(pty.Slave));
        FileIo.Write(pty.Master, "hi\n"u8);
        var buf = new byte[16];
        Assert.Equal("hi\n", Encoding.ASCII.GetString(buf, 0, FileIo.Read(pty.Slave, buf)));
    }

    [Fact]
    public void Tap_interfaces_exist_while_the_descriptor_is_open()
    {
        Requires.Root();
        Requires.Path("/dev/net/tun", "no TUN/TAP driver");
        string name;
        using (var tap = Tap.Open("nidot%d", vnetHeader: true))
        {
            name = tap.Name;
            Assert.StartsWith("nidot", name);
            Assert.True(Directory.Exists($"/sys/class/net/{name}"));
            tap.SetVnetHeaderSize(12);
        }
        // The interface goes with the last copy of the fd: a process another test is spawning at this moment holds
        // one until it execs (close-on-exec), so allow it a moment.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists($"/sys/class/net/{name}") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.False(Directory.Exists($"/sys/class/net/{name}"), "a non-persistent tap must vanish with its fd");
        Assert.Throws<ArgumentException>(() => Tap.Open("a-name-that-is-too-long"));
    }
}
