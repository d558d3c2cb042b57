using System.Text;
using Nido.Vmm.Api;
using Nido.Vmm.Api.Http;
using Nido.Vmm.X86;

namespace Nido.Fuzz.Tests;

/// <summary>
/// Mutated API traffic: byte flips, truncations, splices and random JSON values on top of real Firecracker
/// requests. The parser may only refuse with HttpParseException; the controller must answer every parsed
/// request with a status (never throw), and keep its configuration consistent.
/// </summary>
public sealed class ApiFuzzTests
{
    private static readonly string[] Seeds =
    [
        "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "PUT /machine-config HTTP/1.1\r\nContent-Length: 38\r\n\r\n{\"vcpu_count\": 2, \"mem_size_mib\": 256}",
        "PATCH /machine-config HTTP/1.1\r\nContent-Length: 19\r\n\r\n{\"smt\": true, \"x\":1}",
        "PUT /boot-source HTTP/1.1\r\nContent-Length: 69\r\n\r\n{\"kernel_image_path\": \"/nonexistent/k\", \"boot_args\": \"console=ttyS0\"}",
        "PUT /drives/rootfs HTTP/1.1\r\nContent-Length: 86\r\n\r\n{\"drive_id\": \"rootfs\", \"path_on_host\": \"/nonexistent.img\", \"is_root_device\": true, \"r\":1}",
        "PUT /network-interfaces/eth0 HTTP/1.1\r\nContent-Length: 77\r\n\r\n{\"iface_id\": \"eth0\", \"host_dev_name\": \"tap0\", \"guest_mac\": \"06:00:ac:10:00:02\"}",
        "PUT /actions HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 33\r\n\r\n{\"action_type\": \"InstanceStart\"}",
        "PATCH /vm HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 19\r\n\r\n{\"state\": \"Paused\"}",
        "PUT /logger HTTP/1.1\r\nContent-Length: 35\r\n\r\n{\"level\": \"Debug\", \"module\": null}",
        "PUT /entropy HTTP/1.1\r\nContent-Length: 53\r\n\r\n{\"rate_limiter\": {\"bandwidth\": {\"size\": 1, \"x\": 2}}}",
    ];

    private static readonly string[] JsonValues = ["null", "true", "-1", "1e400", "\"\"", "[]", "{}", "\"\\u0000\"", "18446744073709551616", "{\"a\":[{}]}"];

    [Fact]
    public void MutatedRequestsGetAStatusNeverAnException()
    {
        var random = FuzzBudget.Random(0x4a5e);
        using var controller = new ApiController("fuzz", new ConsoleStreams(Stream.Null), _ => { }, TextWriter.Null);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < FuzzBudget.Iterations(20000); i++)
        {
            var input = Mutate(Encoding.Latin1.GetBytes(Seeds[random.Next(Seeds.Length)]), random);
            var offset = 0;
            while (offset < input.Length)
            {
                HttpRequest? request;
                int consumed;
                try
                {
                    if (HttpParser.TryParse(input.AsSpan(offset), HttpParser.MaxBodyBytes, out request, out consumed, out _) == HttpParser.Result.Incomplete) break;
                }
                catch (HttpParseException e)
                {
                    Assert.InRange(e.Status, 400, 599);
                    break;
                }
                Assert.InRange(consumed, 1, input.Length - offset);
                offset += consumed;
                var response = controller.Handle(request!);
                Assert.True(response.Status is 200 or 204 or 400 or 405, $"status {response.Status} for {Encoding.Latin1.GetString(input)}");
                statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;
                _ = response.Serialize(request!.KeepAlive);
            }
        }
        Assert.True(statuses.GetValueOrDefault(204) > 0 && statuses.GetValueOrDefault(400) > 0, "the mutations never reached both outcomes");
        Assert.Null(controller.Vm); // No mutated request can boot: no kernel file exists.
        var vcpus = controller.Resources.Machine.VcpuCount!.Value;
        Assert.InRange(vcpus, 1, VmResources.MaxVcpus);
    }

    private static byte[] Mutate(byte[] seed, Random r)
    {
        var bytes = new List<byte>(seed);
        var text = Encoding.Latin1.GetString(seed);
        switch (r.Next(6))
        {
            case 0: // Flip bytes.
                for (var i = 0; i < r.Next(1, 4); i++) bytes[r.Next(bytes.Count)] = (byte)r.Next(256);
                break;
            case 1: // Truncate.
                bytes = bytes.Take(r.Next(bytes.Count + 1)).ToList();
                break;
            case 2: // Replace a JSON value and fix the length.
            {
                var body = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
                var json = text[body..];
                var colon = json.IndexOf(':', r.Next(Math.Max(1, json.Length)));
                if (colon < 0) break;
                var end = json.IndexOfAny([',', '}'], colon);
                if (end < 0) break;
                json = json[..(colon + 1)] + JsonValues[r.Next(JsonValues.Length)] + json[end..];
                var head = System.Text.RegularExpressions.Regex.Replace(text[..body], @"Content-Length: \d+", $"Content-Length: {Encoding.Latin1.GetByteCount(json)}");
                return Encoding.Latin1.GetBytes(head + json);
            }
            case 3: // Splice two requests (pipelining).
                bytes.AddRange(Encoding.Latin1.GetBytes(Seeds[r.Next(Seeds.Length)]));
                break;
            case 4: // Insert random bytes.
                bytes.InsertRange(r.Next(bytes.Count), Enumerable.Range(0, r.Next(1, 16)).Select(_ => (byte)r.Next(256)));
                break;
            default: // Change the method or path.
                string[] methods = ["GET", "PUT", "PATCH", "DELETE", "POST"];
                string[] paths = ["/", "/vm", "/vm/config", "/drives/", "/drives/a/b", "/actions", "/metrics", "/%00", "/machine-config?x"];
                var line = text.IndexOf("\r\n", StringComparison.Ordinal);
                var parts = text[..line].Split(' ');
                return Encoding.Latin1.GetBytes($"{methods[r.Next(methods.Length)]} {paths[r.Next(paths.Length)]} {parts[^1]}{text[line..]}");
        }
        return [.. bytes];
    }
}
