namespace Nido.Cli.Tests;

/// <summary>A fake host tree (/proc, /sys, /dev as plain files) for doctor checks.</summary>
internal sealed class FakeHost : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"nido-host-{Guid.NewGuid():N}");

    public const string RootStatus = "Name:\tnido\nUid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\nSeccomp:\t0\n";

    /// <summary>A modern, fully capable host: 6.1 kernel, root, cgroup v2, kvm_intel.</summary>
    public static FakeHost Modern()
    {
        var h = new FakeHost();
        h.Write("proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        h.Write("proc/self/status", RootStatus);
        h.Write("proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw shared:4 - cgroup2 cgroup2 rw,nsdelegate\n");
        h.Write("sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
        h.Write("proc/1/comm", "systemd\n");
        foreach (var ns in new[] { "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "user", "uts" }) h.Write($"proc/self/ns/{ns}", "");
        h.Write("proc/sys/user/max_user_namespaces", "63000\n");
        h.Write("proc/filesystems", "nodev\tsysfs\nnodev\ttmpfs\n\text4\nnodev\toverlay\n");
        h.Write("proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme vmx sse\n");
        h.Write("dev/kvm", "");
        h.Write("dev/net/tun", "");
        h.Write("usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin", "");
        h.Write("usr/bin/xz", "");
        Directory.CreateDirectory(Path.Combine(h.Root, "sys/module/kvm_intel"));
        h.Write("proc/sys/kernel/seccomp/actions_avail", "kill_process kill_thread trap errno user_notif trace log allow\n");
        return h;
    }

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Delete(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (Directory.Exists(path)) Directory.Delete(path, true);
        else File.Delete(path);
    }

    public void Dispose() => Directory.Delete(Root, true);
}
