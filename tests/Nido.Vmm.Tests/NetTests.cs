using System.Text;
using Nido.Devices.Virtio.Net;
using Nido.Linux;
using Nido.Vmm.Config;
using Nido.Vmm.Tests.Infrastructure;
using Nido.Vmm.X86;

namespace Nido.Vmm.Tests;

/// <summary>virtio-net over a TAP: the vnet guest's frame is read on the host side, and a host frame reaches the guest.</summary>
public sealed class NetTests
{
    private const ushort EtherType = 0x88b5;

    private static void RequireTapAndKvm()
    {
        Guests.RequireKvm();
        Assert.SkipUnless(File.Exists("/dev/net/tun"), "/dev/net/tun is missing: no TAP devices on this host");
    }

    private static string TapName() => $"nidot{Environment.ProcessId % 10000}{Random.Shared.Next(100)}";

    [Fact]
    public async Task FrameGoesOutThroughTheTapAndOneComesBackIn()
    {
        RequireTapAndKvm();
        var name = TapName();
        var output = new ConsoleCapture();
        var config = new VmConfig { Kernel = Guests.Path("vnet.elf"), Networks = [new NetConfig(name, NetConfig.ParseMac("52:54:00:12:34:56"))] };
        using var vm = X86Machine.Build(config, new ConsoleStreams(output));
        Assert.True(NetworkInterface.Exists(name), $"TAP {name} was not created");
        using var socket = PacketSocket.Open(name, EtherType);
        var run = Task.Run(vm.Run);

        var frame = new byte[2048];
        var length = socket.Receive(frame, 30_000);
        Assert.True(length >= 30, $"no 0x88b5 frame from the guest within 30 s (got {length}); guest said:\n{Text(output)}");
        Assert.Equal(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, frame[..6]);
        Assert.Equal(new byte[] { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 }, frame[6..12]);
        Assert.Equal("nido-guest-frame", Encoding.ASCII.GetString(frame, 14, 16));

        var reply = new byte[60];
        frame.AsSpan(6, 6).CopyTo(reply);
        reply[6] = 0x02;
        reply[12] = EtherType >> 8;
        reply[13] = EtherType & 0xff;
        Encoding.ASCII.GetBytes("nido-host-frame").CopyTo(reply, 14);
        socket.Send(reply);

        VmOutcome outcome;
        try { outcome = await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken); }
        catch (TimeoutException)
        {
            vm.Stop(new VmOutcome(-1, "test timeout"));
            await run;
            throw new Xunit.Sdk.XunitException($"the guest did not finish; it printed:\n{Text(output)}");
        }
        var lines = Text(output);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("net mac=52:54:00:12:34:56", lines);
        Assert.Contains("net received len=60 payload=nido-host-frame", lines);
    }

    [Fact]
    public void WithoutAMacTheDriverPicksOneAndTheTapGoesAwayWithTheVm()
    {
        RequireTapAndKvm();
        var name = TapName();
        var config = new VmConfig { Kernel = Guests.Path("vnet.elf"), CommandLine = "mode=txonly", Networks = [new NetConfig(name)] };
        var run = GuestRun.Start(config);
        Assert.Equal(0, run.Outcome.ExitCode);
        Assert.Contains("net mac=none", run.Lines);
        Assert.Contains("net sent", run.Lines);
        Assert.False(NetworkInterface.Exists(name), $"TAP {name} outlived the VM");
    }

    [Theory]
    [InlineData("none", null, null)]
    [InlineData("tap", null, null)]
    [InlineData("tap:vm0", "vm0", null)]
    [InlineData("tap:vm0,mac=02:00:00:aa:bb:cc", "vm0", "02:00:00:aa:bb:cc")]
    public void NetOptionsParse(string text, string? host, string? mac)
    {
        var net = VmConfig.ParseNet(text);
        if (text == "none") { Assert.Null(net); return; }
        Assert.NotNull(net);
        Assert.Equal(host, net.HostDevice);
        Assert.Equal(mac, net.Mac is null ? null : NetConfig.FormatMac(net.Mac));
    }

    [Theory]
    [InlineData("user", "is not none, tap")]
    [InlineData("tap:vm0,mac=01:00:00:00:00:01", "not a unicast MAC")]
    [InlineData("tap:vm0,mac=zz", "not a unicast MAC")]
    [InlineData("tap:vm0,queues=2", "unknown option \"queues=2\"")]
    [InlineData("tap:averyveryverylongname", "longer than 15 bytes")]
    public void BadNetOptionsAreNamed(string text, string message) =>
        Assert.Contains(message, Assert.Throws<VmmException>(() => VmConfig.ParseNet(text)).Message);

    private static string Text(ConsoleCapture output) => output.ToString();
}
