using System.Text;

namespace Nido.Vmm.Api.Http;

/// <summary>
/// An HTTP/1.x request parser for the API socket: request line, headers, a Content-Length body. Like
/// Firecracker's micro_http it takes no chunked bodies and caps headers and payload; anything malformed is
/// an <see cref="HttpParseException"/> naming what is wrong, never a crash.
/// </summary>
public static class HttpParser
{
    public const int MaxHeaderBytes = 8192;
    /// <summary>Firecracker's payload limit.</summary>
    public const int MaxBodyBytes = 51200;

    public enum Result { Incomplete, Complete }

    /// <summary>
    /// Parses one request from the start of <paramref name="buffer"/>. Incomplete means more bytes are needed;
    /// <paramref name="expectsContinue"/> then says whether the client waits for "100 Continue" before the body.
    /// </summary>
    /// <param name="maxBodyBytes">The payload limit (Firecracker's --http-api-max-payload-size).</param>
    public static Result TryParse(ReadOnlySpan<byte> buffer, int maxBodyBytes, out HttpRequest? request, out int consumed, out bool expectsContinue)
    {
        request = null;
        consumed = 0;
        expectsContinue = false;
        var end = buffer.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            if (buffer.Length > MaxHeaderBytes) throw new HttpParseException(431, $"Request headers are larger than {MaxHeaderBytes} bytes.");
            return Result.Incomplete;
        }
        if (end > MaxHeaderBytes) throw new HttpParseException(431, $"Request headers are larger than {MaxHeaderBytes} bytes.");
        var head = Latin1(buffer[..end]);
        var lines = head.Split("\r\n");
        var (method, path, version) = RequestLine(lines[0]);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].Any(c => c is ' ' or '\t' || char.IsControl(c)))
                throw new HttpParseException(400, $"Invalid header line: \"{Printable(line)}\".");
            var name = line[..colon].ToLowerInvariant();
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (headers.TryGetValue(name, out var previous))
            {
                if (name == "content-length" && previous != value) throw new HttpParseException(400, "Conflicting Content-Length headers.");
                headers[name] = previous + ", " + value;
            }
            else headers[name] = value;
        }
        if (headers.TryGetValue("transfer-encoding", out var te) && !te.Equals("identity", StringComparison.OrdinalIgnoreCase))
            throw new HttpParseException(501, $"Transfer-Encoding \"{Printable(te)}\" is not supported; send a Content-Length.");
        var length = 0;
        if (headers.TryGetValue("content-length", out var cl))
        {
            if (!int.TryParse(cl.Split(',')[0].Trim(), System.Globalization.NumberStyles.None, null, out length))
                throw new HttpParseException(400, $"Invalid Content-Length \"{Printable(cl)}\".");
            if (length > maxBodyBytes)
                throw new HttpParseException(413, $"Request payload with size {length} is larger than the limit of {maxBodyBytes} allowed by server.");
        }
        var bodyStart = end + 4;
        if (buffer.Length - bodyStart < length)
        {
            expectsContinue = headers.TryGetValue("expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase);
            return Result.Incomplete;
        }
        request = new HttpRequest(method, path, version, headers, buffer.Slice(bodyStart, length).ToArray());
        consumed = bodyStart + length;
        return Result.Complete;
    }

    private static (string, string, string) RequestLine(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new HttpParseException(400, $"Invalid request line: \"{Printable(line)}\".");
        if (!parts[0].All(c => c is >= 'A' and <= 'Z'))
            throw new HttpParseException(400, $"Invalid request method \"{Printable(parts[0])}\".");
        if (parts[2] is not ("HTTP/1.1" or "HTTP/1.0"))
            throw new HttpParseException(505, $"Unsupported HTTP version \"{Printable(parts[2])}\".");
        var target = parts[1];
        // Absolute-form targets ("http://localhost/vm", as some clients send over Unix sockets) reduce to the path.
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            var slash = target.IndexOf('/', 7);
            target = slash < 0 ? "/" : target[slash..];
        }
        if (target[0] != '/') throw new HttpParseException(400, $"Invalid request target \"{Printable(target)}\".");
        var query = target.IndexOf('?');
        if (query >= 0) target = target[..query];
        return (parts[0], Uri.UnescapeDataString(target), parts[2]);
    }

    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Echoes client text in errors without control characters and at a bounded length.</summary>
    internal static string Printable(string text)
    {
        var clean = new string([.. text.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > 100 ? clean + "…" : clean;
    }
}
