using System.Text;

namespace Nido.Vmm.Api.Http;

/// <summary>A response: status, optional JSON body. Serialised as Firecracker's server does (Server header, keep-alive).</summary>
public sealed record HttpResponse(int Status, byte[]? Body = null)
{
    public static readonly HttpResponse NoContent = new(204);

    public byte[] Serialize(bool keepAlive)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(Status).Append(' ').Append(Reason(Status)).Append("\r\n");
        head.Append("Server: Nido API\r\n");
        head.Append("Connection: ").Append(keepAlive ? "keep-alive" : "close").Append("\r\n");
        if (Body is not null) head.Append("Content-Type: application/json\r\n");
        if (Body is not null || Status != 204) head.Append("Content-Length: ").Append(Body?.Length ?? 0).Append("\r\n");
        head.Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString());
        return Body is null ? bytes : [.. bytes, .. Body];
    }

    public static string Reason(int status) => status switch
    {
        100 => "Continue",
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    };
}
