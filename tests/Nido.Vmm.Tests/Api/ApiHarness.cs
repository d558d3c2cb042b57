using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Nido.Vmm.Api;
using Nido.Vmm.Api.Http;
using Nido.Vmm.Tests.Infrastructure;
using Nido.Vmm.X86;

namespace Nido.Vmm.Tests.Api;

/// <summary>An API server on a temporary socket with an HttpClient that talks to it, as a Firecracker SDK would.</summary>
internal sealed class ApiHarness : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-api").FullName;
    private readonly UnixHttpServer _server;

    public ApiHarness()
    {
        Socket = Path.Combine(_dir, "api.sock");
        Controller = new ApiController("test-vm", new ConsoleStreams(Output), outcome => Exit.TrySetResult(outcome), TextWriter.Null);
        _server = new UnixHttpServer(Socket, Controller.Handle);
        _server.Start();
        Client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(Socket), token);
                return new NetworkStream(s, ownsSocket: true);
            },
        }) { BaseAddress = new Uri("http://localhost") };
    }

    public string Socket { get; }

    public string Dir => _dir;

    public ConsoleCapture Output { get; } = new();

    public ApiController Controller { get; }

    public TaskCompletionSource<VmOutcome> Exit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HttpClient Client { get; }

    public (int Status, string Body) Send(string method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = Client.Send(request, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(response.Content.ReadAsStream(TestContext.Current.CancellationToken));
        return ((int)response.StatusCode, reader.ReadToEnd());
    }

    public void Ok(string method, string path, string body)
    {
        var (status, text) = Send(method, path, body);
        Assert.True(status == 204, $"{method} {path} {body} → {status} {text}");
    }

    /// <summary>Expects a 400-class answer whose fault_message contains <paramref name="fragment"/>.</summary>
    public string Fault(string method, string path, string? body, string fragment, int status = 400)
    {
        var (code, text) = Send(method, path, body);
        Assert.True(code == status, $"{method} {path} {body} → {code} {text}, expected {status}");
        var message = JsonDocument.Parse(text).RootElement.GetProperty("fault_message").GetString()!;
        Assert.Contains(fragment, message);
        return message;
    }

    public JsonElement Get(string path)
    {
        var (status, text) = Send("GET", path);
        Assert.Equal(200, status);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Waits until the guest printed <paramref name="line"/>.</summary>
    public void WaitFor(string line, int timeoutMs = 30_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!Output.ToString().Contains(line))
        {
            if (Environment.TickCount64 > deadline) throw new Xunit.Sdk.XunitException($"the guest did not print \"{line}\"; it printed:\n{Output}");
            Thread.Sleep(5);
        }
    }

    public VmOutcome WaitExit(int timeoutSeconds = 60)
    {
        if (!Exit.Task.Wait(TimeSpan.FromSeconds(timeoutSeconds), TestContext.Current.CancellationToken))
            throw new Xunit.Sdk.XunitException($"the VM did not stop; it printed:\n{Output}");
        return Exit.Task.Result;
    }

    public void Dispose()
    {
        Client.Dispose();
        _server.Dispose();
        Controller.Dispose();
        Directory.Delete(_dir, true);
    }
}
