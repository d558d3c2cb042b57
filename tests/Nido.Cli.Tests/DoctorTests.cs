namespace Nido.Cli.Tests;

public class DoctorTests
{
    private static (int Code, string[] Lines) Doctor(FakeHost host)
    {
        var (code, output, err) = CliTests.Run("doctor", "--host-root", host.Root);
        Assert.Empty(err);
        return (code, output.TrimEnd().Split('\n'));
    }

    private static string Line(string[] lines, string name) => Assert.Single(lines, l => l.Length > 6 && l[6..].StartsWith(name + " "));

    [Fact]
    public void A_modern_host_is_ready()
    {
        using var host = FakeHost.Modern();
        var (code, lines) = Doctor(host);
        Assert.Equal(0, code);
        Assert.Equal("ready", lines[^1]);
        Assert.All(lines[..^1], l => Assert.StartsWith("ok ", l));
        Assert.Contains("hardware-backed (kvm_intel, VT-x)", Line(lines, "kvm"));
        Assert.Contains("v2 (unified) at /sys/fs/cgroup; controllers: cpuset cpu io memory pids", Line(lines, "cgroups"));
        Assert.Contains("Linux 6.1.0-18-amd64 x86_64", Line(lines, "kernel"));
        Assert.DoesNotContain("pid_for_children", Line(lines, "namespaces"));
    }

    [Fact]
    public void Pvm_kvm_and_hybrid_cgroups_are_described()
    {
        using var host = FakeHost.Modern();
        host.Delete("sys/module/kvm_intel");
        Directory.CreateDirectory(Path.Combine(host.Root, "sys/module/kvm_pvm"));
        host.Write("proc/self/mountinfo", """
            32 31 0:29 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
            33 31 0:30 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids
            41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw
            """);
        host.Write("sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n");
        host.Write("proc/1/comm", "init\n");
        var (code, lines) = Doctor(host);
        Assert.Equal(0, code);
        Assert.StartsWith("warn  kvm", Line(lines, "kvm"));
        Assert.Contains("kvm_pvm", Line(lines, "kvm"));
        Assert.Equal("ok    cgroups     v1 hybrid: memory pids on v1; cgroup2 at /sys/fs/cgroup/unified with hugetlb; PID 1 is init, not systemd (--systemd-cgroup unavailable)", Line(lines, "cgroups"));
        Assert.Equal("ready, with 1 warning(s)", lines[^1]);
    }

    [Fact]
    public void Missing_kvm_and_non_root_are_warnings()
    {
        using var host = FakeHost.Modern();
        host.Delete("dev/kvm");
        host.Write("proc/self/status", "Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n");
        var (code, lines) = Doctor(host);
        Assert.Equal(0, code);
        Assert.Contains("no /dev/kvm", Line(lines, "kvm"));
        Assert.Contains("load kvm_intel or kvm_amd", Line(lines, "kvm"));
        Assert.StartsWith("warn  privileges  not root (uid 1000)", Line(lines, "privileges"));
    }

    [Fact]
    public void Missing_opensbi_is_a_warning_naming_the_way_out()
    {
        using var host = FakeHost.Modern();
        host.Delete("usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin");
        var (code, lines) = Doctor(host);
        Assert.Equal(0, code);
        Assert.StartsWith("warn  emulator", Line(lines, "emulator"));
        Assert.Contains("--bios none", Line(lines, "emulator"));
    }

    [Fact]
    public void An_old_kernel_or_no_cgroups_fail_with_exit_1()
    {
        using var host = FakeHost.Modern();
        host.Write("proc/sys/kernel/osrelease", "4.19.0-25-amd64\n");
        host.Write("proc/self/mountinfo", "22 1 0:21 / / rw - ext4 /dev/vda rw\n");
        var (code, lines) = Doctor(host);
        Assert.Equal(1, code);
        Assert.StartsWith("FAIL  kernel", Line(lines, "kernel"));
        Assert.Contains("needs 5.10 or newer", Line(lines, "kernel"));
        Assert.StartsWith("FAIL  cgroups", Line(lines, "cgroups"));
        Assert.Equal("2 essential check(s) failed", lines[^1]);
    }

    [Fact]
    public void Overlay_tun_seccomp_and_user_namespaces_missing()
    {
        using var host = FakeHost.Modern();
        host.Write("proc/filesystems", "nodev\ttmpfs\n");
        host.Delete("dev/net/tun");
        host.Delete("proc/sys/kernel/seccomp");
        host.Write("proc/sys/user/max_user_namespaces", "0\n");
        var (_, lines) = Doctor(host);
        Assert.StartsWith("warn  overlayfs", Line(lines, "overlayfs"));
        Assert.StartsWith("warn  tun", Line(lines, "tun"));
        Assert.StartsWith("warn  seccomp", Line(lines, "seccomp"));
        Assert.Contains("user namespaces are disabled", Line(lines, "namespaces"));
    }

    [Fact]
    public void Kernel_release_parsing()
    {
        Assert.Equal(new Version(6, 1), Nido.Linux.Host.ParseRelease("6.1.0-18-amd64"));
        Assert.Equal(new Version(5, 10), Nido.Linux.Host.ParseRelease("5.10.0"));
        Assert.Null(Nido.Linux.Host.ParseRelease("garbage"));
    }
}
