using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>jdk.net.LinuxSocketOptions (jdk.net's ExtendedSocketOptions): TCP keep-alive tuning, quick ack, peer credentials.</summary>
internal static class JdkNetLinuxSocketOptions
{
    private const string C = "jdk/net/LinuxSocketOptions";
    private const int IpprotoTcp = 6, TcpKeepIdle = 4, TcpKeepIntvl = 5, TcpKeepCnt = 6, TcpQuickAck = 12, SoPeerCred = 17, SoIncomingNapiId = 56;

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "keepAliveOptionsSupported0", "()Z", static (t, a) => Slot.OfBool(true));
        r.Add(C, "quickAckSupported0", "()Z", static (t, a) => Slot.OfBool(true));
        r.Add(C, "incomingNapiIdSupported0", "()Z", static (t, a) => Slot.OfBool(true));
        Option(r, "TcpKeepAliveProbes", IpprotoTcp, TcpKeepCnt);
        Option(r, "TcpKeepAliveTime", IpprotoTcp, TcpKeepIdle);
        Option(r, "TcpKeepAliveIntvl", IpprotoTcp, TcpKeepIntvl);
        r.Add(C, "setQuickAck0", "(IZ)V", static (t, a) =>
        {
            InetSupport.Check(t, InetSockets.SetOption(FileDescriptors.Get(a[0].I), IpprotoTcp, TcpQuickAck, a[1].I));
            return default;
        }, NativeRegistry.IOException);
        r.Add(C, "getQuickAck0", "(I)Z", static (t, a) =>
        {
            InetSupport.Check(t, InetSockets.GetOption(FileDescriptors.Get(a[0].I), IpprotoTcp, TcpQuickAck, out var v));
            return Slot.OfBool(v != 0);
        }, NativeRegistry.IOException);
        r.Add(C, "getIncomingNapiId0", "(I)I", static (t, a) =>
        {
            InetSupport.Check(t, InetSockets.GetOption(FileDescriptors.Get(a[0].I), InetSockets.SOL_SOCKET, SoIncomingNapiId, out var v));
            return Slot.OfInt(v);
        }, NativeRegistry.IOException);
        // struct ucred {pid, uid, gid}: uid in the high word and gid in the low one, as libextnet packs it.
        r.Add(C, "getSoPeerCred0", "(I)J", static (t, a) =>
        {
            Span<byte> cred = stackalloc byte[12];
            InetSupport.Check(t, InetSockets.GetOption(FileDescriptors.Get(a[0].I), InetSockets.SOL_SOCKET, SoPeerCred, cred, out _));
            return Slot.OfLong((long)BitConverter.ToInt32(cred[4..]) << 32 | (uint)BitConverter.ToInt32(cred[8..]));
        }, NativeRegistry.IOException);
    }

    private static void Option(NativeRegistry r, string name, int level, int option)
    {
        r.Add(C, $"set{name}0", "(II)V", (t, a) =>
        {
            InetSupport.Check(t, InetSockets.SetOption(FileDescriptors.Get(a[0].I), level, option, a[1].I));
            return default;
        }, NativeRegistry.IOException);
        r.Add(C, $"get{name}0", "(I)I", (t, a) =>
        {
            InetSupport.Check(t, InetSockets.GetOption(FileDescriptors.Get(a[0].I), level, option, out var v));
            return Slot.OfInt(v);
        }, NativeRegistry.IOException);
    }
}
