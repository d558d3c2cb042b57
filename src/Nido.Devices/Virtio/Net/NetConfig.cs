using System.Globalization;

namespace Nido.Devices.Virtio.Net;

/// <summary>A network interface as configured: the host TAP (null: Nido creates "nido%d"), the guest MAC (null: the driver picks one), an id, rate limits each way.</summary>
public sealed record NetConfig(string? HostDevice, byte[]? Mac = null, string Id = "eth0",
    Nido.Devices.RateLimit.RateLimiterConfig? RxRateLimit = null, Nido.Devices.RateLimit.RateLimiterConfig? TxRateLimit = null)
{
    /// <summary>Parses "aa:bb:cc:dd:ee:ff"; null when it is not six hex octets or is a multicast address.</summary>
    public static byte[]? ParseMac(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 6) return null;
        var mac = new byte[6];
        for (var i = 0; i < 6; i++)
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out mac[i])) return null;
        return (mac[0] & 1) == 0 ? mac : null;
    }

    public static string FormatMac(byte[] mac) => string.Join(':', mac.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
