using System.Diagnostics;
using Nido.Tests.Shared;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests.Api;

/// <summary>
/// `nido vm serve` and nido-vmm (which it execs) as Firecracker's users drive them: the native binaries with Firecracker's
/// flags, curl over the socket, the process's exit.
/// </summary>
public sealed class ServeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-serve").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static void RequireCurl() =>
        Assert.SkipUnless(File.Exists("/usr/bin/curl"), "curl is not installed (scripts/setup.sh base installs it)");

    private static string Vmm() => Path.Combine(Path.GetDirectoryName(TestPaths.NativeNido())!, "nido-vmm");

    private static Process Serve(params string[] args) => Start(TestPaths.NativeNido(), ["vm", "serve", .. args]);

    private static Process Start(string binary, string[] args)
    {
        var start = new ProcessStartInfo(binary, args)
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
    [InlineData(new[] { "--no-api", "--config-file", "x.json", "--api-sock", "x.sock" }, "--api-sock and --no-api exclude each other")]
    [InlineData(new[] { "--id", "a/b" }, "--id: \"a/b\" is not 1-64 letters, digits and '-'")]
    [InlineData(new[] { "--http-api-max-payload-size", "0" }, "--http-api-max-payload-size: 0 is not between 1 and")]
    [InlineData(new[] { "--level", "Loud" }, "Loud")]
    [InlineData(new[] { "--boot-timer" }, "Unrecognized command or argument '--boot-timer'")]
    public void BadFlagsAreNamed(string[] args, string message)
    {
        // Never Firecracker's default socket, should a check fail to fire.
        if (!args.Contains("--api-sock")) args = [.. args, "--api-sock", Path.Combine(_dir, "bad.sock")];
        foreach (var binary in new[] { TestPaths.NativeNido(), Vmm() })
        {
            using var p = binary == Vmm() ? Start(binary, args) : Serve(args);
            var error = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(10_000));
            Assert.NotEqual(0, p.ExitCode);
            Assert.Contains(message, error);
            Assert.StartsWith("nido-vmm: ", error);
            Assert.DoesNotContain('\n', error.TrimEnd('\n'));
        }
    }

    [Fact]
    public void NidoVmmIsItsOwnSmallBinaryAndVmServeExecsIt()
    {
        Assert.True(File.Exists(Vmm()), $"{Vmm()} is missing (./nido builds it)");
        Assert.True(new FileInfo(Vmm()).Length < new FileInfo(TestPaths.NativeNido()).Length / 2, "nido-vmm holds the VMM only");
        using (var version = Start(Vmm(), ["--version"]))
        {
            var text = version.StandardOutput.ReadToEnd();
            Assert.True(version.WaitForExit(10_000));
            Assert.Equal(0, version.ExitCode);
            Assert.Matches(@"^nido-vmm \S+ \(commit \w+\), Firecracker API \d+\.\d+\.\d+", text);
        }
        var sock = Path.Combine(_dir, "fc.sock");
        using var p = Serve("--api-sock", sock);
        WaitForSocket(sock, p);
        // The same process (pid), now the VMM binary.
        Assert.Equal(Vmm(), new FileInfo($"/proc/{p.Id}/exe").LinkTarget);
        p.Kill();
        p.WaitForExit();
    }

    [Fact]
    public void FirecrackersLoggerMetricsAndPayloadFlagsApply()
    {
        RequireCurl();
        var sock = Path.Combine(_dir, "fc.sock");
        var log = Path.Combine(_dir, "fc.log");
        var metrics = Path.Combine(_dir, "fc.metrics");
        // As the jailer starts it: its own start times, which the startup metrics then count from.
        var monotonicUs = System.Diagnostics.Stopwatch.GetTimestamp() / (System.Diagnostics.Stopwatch.Frequency / 1_000_000);
        using var p = Start(Vmm(), ["--api-sock", sock, "--id", "vm-7", "--log-path", log, "--level", "Info", "--show-level",
            "--metrics-path", metrics, "--http-api-max-payload-size", "64", "--start-time-us", (monotonicUs - 5_000_000).ToString(),
            "--start-time-cpu-us", "0", "--parent-cpu-time-us", "3000000", "--no-seccomp"]);
        WaitForSocket(sock, p);
        var (status, body) = Curl(sock, "GET", "/");
        Assert.Equal(200, status);
        Assert.Contains("\"id\":\"vm-7\"", body);
        var big = "{\"vcpu_count\": 1, \"mem_size_mib\": 128, \"smt\": false, \"track_dirty_pages\": false}";
        var (tooBig, fault) = Curl(sock, "PUT", "/machine-config", big);
        Assert.Equal(413, tooBig);
        Assert.Contains("larger than the limit of 64", fault);
        Assert.Equal(204, Curl(sock, "PUT", "/actions", """{"action_type": "FlushMetrics"}""").Status);
        var line = File.ReadAllLines(metrics)[0];
        using var json = System.Text.Json.JsonDocument.Parse(line);
        var api = json.RootElement.GetProperty("api_server");
        Assert.True(api.GetProperty("process_startup_time_us").GetInt64() >= 5_000_000, line);
        Assert.True(api.GetProperty("process_startup_time_cpu_us").GetInt64() >= 3_000_000, line);
        Assert.Contains("[vm-7:INFO", File.ReadAllText(log));
        Process.Start("kill", ["-TERM", p.Id.ToString()])!.WaitForExit();
        Assert.True(p.WaitForExit(10_000));
        Assert.Equal(143, p.ExitCode);
    }
}
