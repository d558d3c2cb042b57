using System.Diagnostics;
using Nido.Tests.Shared;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests.Api;

/// <summary>`nido vm serve` as Firecracker's users drive it: the native binary, curl over the socket, the process's exit.</summary>
public sealed class ServeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-serve").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static void RequireCurl() =>
        Assert.SkipUnless(File.Exists("/usr/bin/curl"), "curl is not installed (scripts/setup.sh base installs it)");

    private static Process Serve(params string[] args)
    {
        var start = new ProcessStartInfo(TestPaths.NativeNido(), ["vm", "serve", .. args])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        return Process.Start(start)!;
    }

    private static (int Status, string Body) Curl(string sock, string method, string path, string? body = null)
    {
        var args = new List<string> { "-s", "--unix-socket", sock, "-X", method, "-w", "\n%{http_code}", $"http://localhost{path}" };
        if (body is not null) args.AddRange(["-H", "Content-Type: application/json", "-d", body]);
        using var p = Process.Start(new ProcessStartInfo("curl", args) { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var cut = text.LastIndexOf('\n');
        return (int.Parse(text[(cut + 1)..]), text[..cut]);
    }

    private static void WaitForSocket(string sock, Process p)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (!File.Exists(sock))
        {
            if (p.HasExited) Assert.Fail($"nido vm serve exited early: {p.StandardError.ReadToEnd()}");
            Assert.True(Environment.TickCount64 < deadline, "the API socket did not appear within 10 s");
            Thread.Sleep(5);
        }
    }

    [Fact]
    public void CurlConfiguresAndStartsAGuestAndTheProcessEndsWithIt()
    {
        Guests.RequireKvm();
        RequireCurl();
        var sock = Path.Combine(_dir, "fc.sock");
        using var p = Serve("--api-sock", sock);
        WaitForSocket(sock, p);
        Assert.Equal(200, Curl(sock, "GET", "/").Status);
        Assert.Equal(204, Curl(sock, "PUT", "/machine-config", """{"vcpu_count": 2, "mem_size_mib": 64}""").Status);
        Assert.Equal(204, Curl(sock, "PUT", "/boot-source", $$"""{"kernel_image_path": "{{Guests.Path("hello.elf")}}", "boot_args": "code=6"}""").Status);
        var (status, body) = Curl(sock, "PUT", "/drives/x", """{"drive_id": "x", "is_root_device": false, "path_on_host": 3}""");
        Assert.Equal(400, status);
        Assert.Contains("fault_message", body);
        Assert.Equal(204, Curl(sock, "PUT", "/actions", """{"action_type": "InstanceStart"}""").Status);
        var output = p.StandardOutput.ReadToEnd(); // Ends when the process closes stdout at exit.
        Assert.True(p.WaitForExit(60_000), "nido vm serve did not exit with its guest");
        Assert.Equal(6, p.ExitCode);
        Assert.Contains("hello from nido guest", output);
        Assert.False(File.Exists(sock), "the API socket outlived the process");
    }

    [Fact]
    public void ConfigFileWithoutApiBootsAtOnce()
    {
        Guests.RequireKvm();
        var config = Path.Combine(_dir, "vm.json");
        File.WriteAllText(config, "{\"boot-source\": {\"kernel_image_path\": \"" + Guests.Path("hello.elf") + "\", \"boot_args\": \"code=4\"}}");
        using var p = Serve("--no-api", "--config-file", config);
        Assert.True(p.WaitForExit(60_000));
        Assert.Equal(4, p.ExitCode);
    }

    [Fact]
    public void SigtermStopsTheServerAndRemovesTheSocket()
    {
        RequireCurl();
        var sock = Path.Combine(_dir, "fc.sock");
        using var p = Serve("--api-sock", sock);
        WaitForSocket(sock, p);
        Assert.Equal(200, Curl(sock, "GET", "/version").Status);
        Process.Start("kill", ["-TERM", p.Id.ToString()])!.WaitForExit();
        Assert.True(p.WaitForExit(10_000), "SIGTERM did not stop nido vm serve");
        Assert.Equal(143, p.ExitCode);
        Assert.False(File.Exists(sock));
    }

    [Theory]
    [InlineData(new[] { "--no-api" }, "--no-api needs --config-file")]
    [InlineData(new string[0], "--api-sock PATH is required")]
    public void BadFlagsAreNamed(string[] args, string message)
    {
        using var p = Serve(args);
        var error = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(10_000));
        Assert.NotEqual(0, p.ExitCode);
        Assert.Contains(message, error);
    }
}
