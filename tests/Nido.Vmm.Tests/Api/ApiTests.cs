using System.Text.Json;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests.Api;

/// <summary>Firecracker's API: every endpoint before and after InstanceStart, and the bodies it must refuse.</summary>
public sealed class ApiTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    private string File(string name, int bytes = 4096)
    {
        var path = Path.Combine(_api.Dir, name);
        System.IO.File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }

    [Fact]
    public void InstanceInfoAndVersionBeforeBoot()
    {
        var info = _api.Get("/");
        Assert.Equal("test-vm", info.GetProperty("id").GetString());
        Assert.Equal("Not started", info.GetProperty("state").GetString());
        Assert.Equal("Firecracker", info.GetProperty("app_name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", _api.Get("/version").GetProperty("firecracker_version").GetString());
    }

    [Fact]
    public void MachineConfigPutPatchAndGet()
    {
        var defaults = _api.Get("/machine-config");
        Assert.Equal(1, defaults.GetProperty("vcpu_count").GetInt32());
        Assert.Equal(128, defaults.GetProperty("mem_size_mib").GetInt32());
        _api.Ok("PUT", "/machine-config", """{"vcpu_count": 2, "mem_size_mib": 256, "smt": false}""");
        _api.Ok("PATCH", "/machine-config", """{"mem_size_mib": 512}""");
        var now = _api.Get("/machine-config");
        Assert.Equal(2, now.GetProperty("vcpu_count").GetInt32());
        Assert.Equal(512, now.GetProperty("mem_size_mib").GetInt32());
    }

    [Theory]
    [InlineData("""{"vcpu_count": 0, "mem_size_mib": 128}""", "vCPU number is invalid")]
    [InlineData("""{"vcpu_count": 33, "mem_size_mib": 128}""", "vCPU number is invalid")]
    [InlineData("""{"vcpu_count": 3, "mem_size_mib": 128, "smt": true}""", "even number")]
    [InlineData("""{"vcpu_count": 1, "mem_size_mib": 0}""", "memory size")]
    [InlineData("""{"vcpu_count": 1, "mem_size_mib": 127, "huge_pages": "2M"}""", "multiple of 2")]
    [InlineData("""{"vcpu_count": 1, "mem_size_mib": 128, "huge_pages": "1G"}""", "unknown variant `1G`")]
    [InlineData("""{"vcpu_count": 1, "mem_size_mib": 128, "cpu_template": "T2"}""", "CPU template T2")]
    [InlineData("""{"vcpu_count": 1, "mem_size_mib": 128, "gpu": 1}""", "unknown field `gpu`")]
    [InlineData("""{"vcpu_count": "two", "mem_size_mib": 128}""", "invalid type for field `vcpu_count`")]
    [InlineData("""{"mem_size_mib": 128}""", "missing field `vcpu_count`")]
    [InlineData("""{"vcpu_count": 1""", "malformed JSON")]
    [InlineData("""null""", "not null")]
    [InlineData("", "body is empty")]
    public void BadMachineConfigIsRefusedWithTheReason(string body, string fragment)
    {
        _api.Fault("PUT", "/machine-config", body, fragment);
        Assert.Equal(1, _api.Get("/machine-config").GetProperty("vcpu_count").GetInt32()); // Unchanged.
    }

    [Fact]
    public void BootSourceChecksItsFiles()
    {
        _api.Fault("PUT", "/boot-source", """{"kernel_image_path": "/nonexistent/vmlinux"}""", "/nonexistent/vmlinux");
        var kernel = File("vmlinux");
        _api.Fault("PUT", "/boot-source", $$"""{"kernel_image_path": "{{kernel}}", "initrd_path": "/nonexistent/initrd"}""", "/nonexistent/initrd");
        _api.Fault("PUT", "/boot-source", """{"boot_args": "console=ttyS0"}""", "missing field `kernel_image_path`");
        _api.Ok("PUT", "/boot-source", $$"""{"kernel_image_path": "{{kernel}}", "boot_args": "console=ttyS0"}""");
        Assert.Equal(kernel, _api.Get("/vm/config").GetProperty("boot-source").GetProperty("kernel_image_path").GetString());
    }

    [Fact]
    public void DrivesAreValidatedAndTheRootGoesFirst()
    {
        var a = File("a.img");
        var b = File("b.img");
        _api.Fault("PUT", "/drives/data", $$"""{"drive_id": "other", "path_on_host": "{{a}}", "is_root_device": false}""", "does not match");
        _api.Fault("PUT", "/drives/data", """{"drive_id": "data", "path_on_host": "/nonexistent.img", "is_root_device": false}""", "/nonexistent.img");
        _api.Fault("PUT", "/drives/data", $$"""{"drive_id": "data", "path_on_host": "{{a}}"}""", "missing field `is_root_device`");
        _api.Fault("PUT", "/drives/bad-id", $$"""{"drive_id": "bad-id", "path_on_host": "{{a}}", "is_root_device": false}""", "Invalid drive id");
        var limited = (string limiter) => "{\"drive_id\": \"data\", \"path_on_host\": \"" + a + "\", \"is_root_device\": false, \"is_read_only\": true, \"rate_limiter\": " + limiter + "}";
        _api.Fault("PUT", "/drives/data", limited("""{"ops": {"size": 10}}"""), "missing field `refill_time`");
        _api.Fault("PUT", "/drives/data", limited("""{"ops": {"size": -1, "refill_time": 100}}"""), "cannot be negative");
        _api.Ok("PUT", "/drives/data", limited("""{"bandwidth": {"size": 1000, "one_time_burst": 5000, "refill_time": 100}, "ops": {"size": 0, "refill_time": 0}}"""));
        _api.Ok("PUT", "/drives/rootfs", $$"""{"drive_id": "rootfs", "path_on_host": "{{b}}", "is_root_device": true}""");
        _api.Fault("PUT", "/drives/second", $$"""{"drive_id": "second", "path_on_host": "{{a}}", "is_root_device": true}""", "root block device already exists");
        _api.Fault("PATCH", "/drives/rootfs", $$"""{"drive_id": "rootfs", "path_on_host": "{{a}}"}""", "before starting the microVM");
        _api.Ok("PUT", "/boot-source", $$"""{"kernel_image_path": "{{File("k")}}", "boot_args": "console=ttyS0"}""");
        var config = _api.Controller.Resources.ToVmConfig();
        Assert.Equal(["rootfs", "data"], config.Disks.Select(d => d.Id));
        Assert.True(config.Disks[1].ReadOnly);
        Assert.Equal(new Nido.Devices.RateLimit.RateLimiterConfig(new(1000, 100, 5000), null), config.Disks[1].RateLimit); // A zero bucket limits nothing.
        Assert.Null(config.Disks[0].RateLimit);
        Assert.Equal("console=ttyS0 root=/dev/vda rw", config.CommandLine);
        Assert.False(config.Rng); // Only with PUT /entropy, as in Firecracker.
    }

    [Fact]
    public void NetworkInterfacesAreValidated()
    {
        Assert.SkipUnless(System.IO.File.Exists("/dev/net/tun"), "/dev/net/tun is missing: PUT /network-interfaces opens the TAP");
        _api.Fault("PUT", "/network-interfaces/eth0", """{"iface_id": "eth0"}""", "missing field `host_dev_name`");
        _api.Fault("PUT", "/network-interfaces/eth0", """{"iface_id": "eth0", "host_dev_name": "tap0", "guest_mac": "01:02:03:04:05:06"}""", "Invalid MAC");
        _api.Fault("PUT", "/network-interfaces/eth0", """{"iface_id": "eth0", "host_dev_name": "a-name-far-too-long"}""", "invalid TAP name");
        _api.Fault("PUT", "/network-interfaces/eth0", """{"iface_id": "eth0", "host_dev_name": "lo"}""", "Open tap device failed: lo");
        _api.Ok("PUT", "/network-interfaces/eth0", """{"iface_id": "eth0", "host_dev_name": "tap0", "guest_mac": "06:00:00:00:00:01"}""");
        _api.Fault("PUT", "/network-interfaces/eth1", """{"iface_id": "eth1", "host_dev_name": "tap0"}""", "already in use");
        _api.Fault("PUT", "/network-interfaces/eth1", """{"iface_id": "eth1", "host_dev_name": "tap1", "guest_mac": "06:00:00:00:00:01"}""", "MAC address is already in use");
        _api.Ok("PUT", "/network-interfaces/eth0", """{"iface_id": "eth0", "host_dev_name": "tap9"}""");
        Assert.Equal("tap9", _api.Get("/vm/config").GetProperty("network-interfaces")[0].GetProperty("host_dev_name").GetString());
    }

    [Fact]
    public void ActionsAndPathsThatDoNotApplyYet()
    {
        _api.Fault("PUT", "/actions", """{"action_type": "InstanceStart"}""", "without kernel configuration");
        _api.Fault("PUT", "/actions", """{"action_type": "SendCtrlAltDel"}""", "before starting the microVM");
        _api.Fault("PUT", "/actions", """{"action_type": "FlushMetrics"}""", "metrics system is not initialized");
        _api.Fault("PUT", "/actions", """{"action_type": "Reboot"}""", "unknown variant `Reboot`");
        _api.Fault("PATCH", "/vm", """{"state": "Paused"}""", "before starting the microVM");
        _api.Fault("GET", "/actions", null, "Invalid request method and/or path");
        _api.Fault("GET", "/snapshot/create", null, "Invalid request method and/or path");
        Assert.Equal("Not started", _api.Get("/").GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("/logger", """{"log_path": ""}""")]
    [InlineData("/metrics", """{"metrics_path": ""}""")]
    [InlineData("/boot-source", """{"kernel_image_path": ""}""")]
    public void EmptyPathsAreRefusedAndTheServerStaysUp(string path, string body)
    {
        Assert.Equal(400, _api.Send("PUT", path, body).Status);
        Assert.Equal(200, _api.Send("GET", "/").Status);
    }

    [Fact]
    public void MetricsAndLoggerAcceptAFifoWithoutAReader()
    {
        var fifo = Path.Combine(_api.Dir, "metrics.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        _api.Ok("PUT", "/metrics", $$"""{"metrics_path": "{{fifo}}"}""");
        _api.Ok("PUT", "/actions", """{"action_type": "FlushMetrics"}""");
        using var reader = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        var line = new StreamReader(reader).ReadLine();
        Assert.Contains("\"api_server\"", line);
    }

    [Fact]
    public void MetricsAndLoggerWriteTheirFiles()
    {
        var metrics = Path.Combine(_api.Dir, "metrics.json");
        var log = Path.Combine(_api.Dir, "vm.log");
        _api.Fault("PUT", "/logger", $$"""{"log_path": "{{log}}", "level": "Loud"}""", "Invalid log level");
        _api.Ok("PUT", "/logger", $$"""{"log_path": "{{log}}", "level": "Info", "show_level": true}""");
        _api.Fault("PUT", "/logger", $$"""{"log_path": "{{log}}"}""", "Reinitialization of logger");
        _api.Ok("PUT", "/metrics", $$"""{"metrics_path": "{{metrics}}"}""");
        _api.Ok("PUT", "/actions", """{"action_type": "FlushMetrics"}""");
        _api.Ok("PUT", "/actions", """{"action_type": "FlushMetrics"}""");
        var lines = System.IO.File.ReadAllLines(metrics);
        Assert.Equal(2, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.True(first.GetProperty("api_server").GetProperty("requests_count").GetInt64() >= 4);
        Assert.True(first.GetProperty("utc_timestamp_ms").GetInt64() > 0);
        // Counters are deltas since the previous flush, as in Firecracker.
        Assert.Equal(1, JsonDocument.Parse(lines[1]).RootElement.GetProperty("api_server").GetProperty("requests_count").GetInt64());
        var logText = System.IO.File.ReadAllText(log);
        Assert.Contains("PUT request on \"/metrics\"", logText);
        Assert.Contains(":INFO]", logText);
    }

    [Fact]
    public void GuestBootsFromTheApiAndItsExitCodeEndsTheInstance()
    {
        Guests.RequireKvm();
        _api.Ok("PUT", "/machine-config", """{"vcpu_count": 1, "mem_size_mib": 64}""");
        _api.Ok("PUT", "/boot-source", $$"""{"kernel_image_path": "{{Guests.Path("hello.elf")}}", "boot_args": "code=5"}""");
        _api.Ok("PUT", "/actions", """{"action_type": "InstanceStart"}""");
        Assert.Equal(5, _api.WaitExit().ExitCode);
        Assert.Contains("hello from nido guest", _api.Output.ToString());
        _api.Fault("PUT", "/boot-source", $$"""{"kernel_image_path": "{{Guests.Path("hello.elf")}}"}""", "after starting the microVM");
        _api.Fault("PUT", "/actions", """{"action_type": "InstanceStart"}""", "after starting the microVM");
    }

    [Fact]
    public void PauseStopsTheGuestResumeContinuesItAndCtrlAltDelReachesIt()
    {
        Guests.RequireKvm();
        var disk = File("disk.img", 8192);
        var bigger = File("bigger.img", 65536);
        _api.Ok("PUT", "/boot-source", $$"""{"kernel_image_path": "{{Guests.Path("ticker.elf")}}", "boot_args": "period=2000000"}""");
        _api.Ok("PUT", "/drives/data", $$"""{"drive_id": "data", "path_on_host": "{{disk}}", "is_root_device": false}""");
        var metrics = Path.Combine(_api.Dir, "metrics.json");
        _api.Ok("PUT", "/metrics", $$"""{"metrics_path": "{{metrics}}"}""");
        _api.Ok("PUT", "/actions", """{"action_type": "InstanceStart"}""");
        _api.WaitFor("tick 2");
        _api.Ok("PUT", "/actions", """{"action_type": "FlushMetrics"}""");
        var flushed = JsonDocument.Parse(System.IO.File.ReadAllLines(metrics)[0]).RootElement;
        Assert.Equal(0, flushed.GetProperty("block_data").GetProperty("write_count").GetInt64()); // The ticker never drives it.
        Assert.Equal("Running", _api.Get("/").GetProperty("state").GetString());

        _api.Ok("PATCH", "/vm", """{"state": "Paused"}""");
        Assert.Equal("Paused", _api.Get("/").GetProperty("state").GetString());
        var frozen = _api.Output.ToString();
        Thread.Sleep(300);
        Assert.Equal(frozen, _api.Output.ToString());
        _api.Ok("PATCH", "/vm", """{"state": "Paused"}"""); // Idempotent, as in Firecracker.
        _api.Ok("PATCH", "/vm", """{"state": "Resumed"}""");
        var ticks = frozen.Split('\n').Count(l => l.StartsWith("tick", StringComparison.Ordinal));
        _api.WaitFor($"tick {ticks + 2}");
        _api.Fault("PATCH", "/vm", """{"state": "Stopped"}""", "unknown variant `Stopped`");

        _api.Fault("PATCH", "/drives/data", $$"""{"drive_id": "data", "is_read_only": true}""", "Only path_on_host");
        _api.Fault("PATCH", "/drives/nosuch", $$"""{"drive_id": "nosuch", "path_on_host": "{{bigger}}"}""", "Invalid block device ID");
        _api.Ok("PATCH", "/drives/data", $$"""{"drive_id": "data", "path_on_host": "{{bigger}}"}""");
        Assert.Equal(128UL, _api.Controller.Vm!.Drives["data"].Capacity);
        Assert.Equal(bigger, _api.Get("/vm/config").GetProperty("drives")[0].GetProperty("path_on_host").GetString());

        _api.Ok("PUT", "/actions", """{"action_type": "SendCtrlAltDel"}""");
        Assert.Equal(0, _api.WaitExit().ExitCode);
        Assert.Contains("kbd ctrl-alt-del", _api.Output.ToString());
    }

    [Fact]
    public void ConfigFileBootsAtOnce()
    {
        Guests.RequireKvm();
        var path = Path.Combine(_api.Dir, "vm.json");
        System.IO.File.WriteAllText(path, $$"""
            {
              "boot-source": {"kernel_image_path": "{{Guests.Path("hello.elf")}}", "boot_args": "code=9"},
              "machine-config": {"vcpu_count": 2, "mem_size_mib": 64},
              "drives": [],
              "entropy": {}
            }
            """);
        _api.Controller.ApplyConfigFile(path);
        Assert.Equal(9, _api.WaitExit().ExitCode);
    }

    [Fact]
    public void ConfigFileWithUnsupportedSectionsIsRefusedByName()
    {
        var path = Path.Combine(_api.Dir, "vm.json");
        System.IO.File.WriteAllText(path, """{"boot-source": {"kernel_image_path": "/x"}, "vsock": {"guest_cid": 3, "uds_path": "/tmp/v.sock"}}""");
        var e = Assert.Throws<Nido.Vmm.Api.ApiException>(() => _api.Controller.ApplyConfigFile(path));
        Assert.Contains("vsock", e.Message);
    }
}
