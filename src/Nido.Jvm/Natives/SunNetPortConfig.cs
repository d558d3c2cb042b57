using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>sun.net.PortConfig: the kernel's ephemeral port range (net.ipv4.ip_local_port_range).</summary>
internal static class SunNetPortConfig
{
    public static void Register(NativeRegistry r)
    {
        r.Add("sun/net/PortConfig", "getLower0", "()I", static (t, a) => Slot.OfInt(Range().Lower));
        r.Add("sun/net/PortConfig", "getUpper0", "()I", static (t, a) => Slot.OfInt(Range().Upper));
    }

    private static (int Lower, int Upper) Range()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0]), int.Parse(parts[1]));
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return (-1, -1);
        }
    }
}
