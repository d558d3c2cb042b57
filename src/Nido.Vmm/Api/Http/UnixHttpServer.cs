using System.Net.Sockets;

namespace Nido.Vmm.Api.Http;

/// <summary>
/// HTTP/1.1 on a Unix stream socket: one thread accepts, one thread per connection reads requests, and the
/// handler runs under one lock so API calls apply in order, as on Firecracker's single API thread. A stale
/// socket file (no server behind it) is replaced; a live one is an error.
/// </summary>
public sealed class UnixHttpServer : IDisposable
{
    private readonly Socket _listener;
    private readonly Func<HttpRequest, HttpResponse> _handler;
    private readonly object _handlerLock = new();
    private readonly List<Socket> _connections = [];
    private readonly int _maxBodyBytes;
    private volatile bool _disposed;

    public UnixHttpServer(string path, Func<HttpRequest, HttpResponse> handler, int maxBodyBytes = HttpParser.MaxBodyBytes)
    {
        Path = path;
        _handler = handler;
        _maxBodyBytes = maxBodyBytes;
        if (File.Exists(path) || Directory.Exists(path))
        {
            if (Directory.Exists(path)) throw new VmmException($"api-sock: {path} is a directory");
            if (IsLive(path)) throw new VmmException($"api-sock: {path} is in use by another server");
            File.Delete(path);
        }
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            _listener.Bind(new UnixDomainSocketEndPoint(path));
            _listener.Listen(16);
        }
        catch (SocketException e)
        {
            _listener.Dispose();
            throw new VmmException($"api-sock: cannot listen on {path}: {e.Message}", e);
        }
    }

    public string Path { get; }

    public void Start() => new Thread(AcceptLoop) { IsBackground = true, Name = "api accept" }.Start();

    private static bool IsLive(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException) { return false; }
    }

    /// <summary>More concurrent clients than this are turned away (Firecracker's micro_http allows 10).</summary>
    public const int MaxConnections = 16;

    private void AcceptLoop()
    {
        while (!_disposed)
        {
            Socket connection;
            try { connection = _listener.Accept(); }
            catch (ObjectDisposedException) { return; }
            catch (SocketException)
            {
                if (_disposed) return;
                Thread.Sleep(50); // Out of fds or similar: keep serving once it passes.
                continue;
            }
            lock (_connections)
            {
                if (_connections.Count >= MaxConnections)
                {
                    connection.Dispose();
                    continue;
                }
                _connections.Add(connection);
            }
            try { new Thread(() => Serve(connection)) { IsBackground = true, Name = "api connection" }.Start(); }
            catch (OutOfMemoryException)
            {
                lock (_connections) _connections.Remove(connection);
                connection.Dispose();
            }
        }
    }

    private void Serve(Socket connection)
    {
        var buffer = new byte[HttpParser.MaxHeaderBytes + _maxBodyBytes + 4];
        var filled = 0;
        var continued = false;
        try
        {
            while (!_disposed)
            {
                HttpRequest? request;
                int consumed;
                try
                {
                    if (HttpParser.TryParse(buffer.AsSpan(0, filled), _maxBodyBytes, out request, out consumed, out var expectsContinue) == HttpParser.Result.Incomplete)
                    {
                        if (expectsContinue && !continued)
                        {
                            connection.Send("HTTP/1.1 100 Continue\r\n\r\n"u8);
                            continued = true;
                        }
                        var n = connection.Receive(buffer.AsSpan(filled));
                        if (n == 0) return;
                        filled += n;
                        continue;
                    }
                }
                catch (HttpParseException e)
                {
                    connection.Send(ApiErrors.Fault(e.Status, e.Message).Serialize(keepAlive: false));
                    return;
                }
                HttpResponse response;
                lock (_handlerLock)
                {
                    try { response = _handler(request!); }
                    catch (Exception e) { response = ApiErrors.Fault(500, $"Internal error: {e.Message}"); }
                }
                var keepAlive = request!.KeepAlive;
                connection.Send(response.Serialize(keepAlive));
                if (!keepAlive) return;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                continued = false;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        finally
        {
            lock (_connections) _connections.Remove(connection);
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _listener.Dispose();
        lock (_connections)
            foreach (var c in _connections) c.Dispose();
        try { File.Delete(Path); } catch (IOException) { }
    }
}
