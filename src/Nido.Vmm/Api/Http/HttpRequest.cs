namespace Nido.Vmm.Api.Http;

/// <summary>One parsed HTTP/1.x request. Header names are lower-cased.</summary>
public sealed record HttpRequest(string Method, string Path, string Version, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.</summary>
    public bool KeepAlive => Headers.TryGetValue("connection", out var c)
        ? !c.Equals("close", StringComparison.OrdinalIgnoreCase) && (Version == "HTTP/1.1" || c.Equals("keep-alive", StringComparison.OrdinalIgnoreCase))
        : Version == "HTTP/1.1";
}

/// <summary>A request the server cannot take: the status to answer with and why.</summary>
public sealed class HttpParseException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
