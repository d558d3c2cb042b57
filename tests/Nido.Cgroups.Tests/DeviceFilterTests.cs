using System.Diagnostics;
using Nido.Cgroups.V2;
using Nido.Linux.Bpf;
using Nido.Oci.Runtime;

namespace Nido.Cgroups.Tests;

/// <summary>The cgroup v2 device filter, loaded and attached for real on this host's cgroup2 mount (hybrid hosts have one too).</summary>
public class DeviceFilterTests
{
    [Fact]
    public void Program_enforces_rules_and_update_replaces_it()
    {
        Assert.SkipUnless(Environment.UserName == "root", "attaching BPF programs to cgroups needs root");
        var unified = CgroupLayout.DetectSelf().UnifiedMountPoint;
        Assert.SkipUnless(unified is not null, "no cgroup2 hierarchy is mounted on this host");
        var dir = Path.Combine(unified!, $"nido-devtest-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            DevicesV2.Apply(dir, [new DeviceCgroup { Allow = false, Access = "rwm" }]);
            var denied = InCgroup(dir, "cat /dev/null && echo null-ok; head -c0 /dev/kmsg 2>&1 && echo kmsg-ok");
            Assert.Contains("null-ok", denied); // always allowed
            Assert.Contains("Operation not permitted", denied);
            Assert.DoesNotContain("kmsg-ok", denied);

            DevicesV2.Apply(dir, [new DeviceCgroup { Allow = false, Access = "rwm" }, new DeviceCgroup { Allow = true, Type = "c", Major = 1, Minor = 11, Access = "r" }]);
            Assert.Contains("kmsg-ok", InCgroup(dir, "head -c0 /dev/kmsg && echo kmsg-ok"));
            Assert.DoesNotContain("write-ok", InCgroup(dir, "echo x 2>/dev/null > /dev/kmsg && echo write-ok")); // read only
            using var fd = Nido.Linux.FileIo.Open(dir, Nido.Linux.FileIo.O_RDONLY | Nido.Linux.FileIo.O_DIRECTORY);
            Assert.Single(BpfPrograms.Query(fd, BpfPrograms.AttachCgroupDevice)); // the update detached the first program
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void Bad_rules_are_refused()
    {
        var e = Assert.Throws<CgroupException>(() => DevicesV2.Compile([new DeviceCgroup { Allow = true, Type = "x" }]));
        Assert.Contains("type \"x\"", e.Message);
    }

    private static string InCgroup(string dir, string script)
    {
        var info = new ProcessStartInfo("/bin/sh", ["-c", $"echo $$ > {dir}/cgroup.procs && exec /bin/sh -c '{script}'"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = System.Diagnostics.Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
