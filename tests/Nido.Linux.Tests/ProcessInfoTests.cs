using System.Diagnostics;

namespace Nido.Linux.Tests;

public sealed class ProcessInfoTests
{
    [Fact]
    public void Start_time_and_liveness_come_from_proc_stat()
    {
        var pid = Environment.ProcessId;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Assert.Equal(ulong.Parse(fields[19]), ProcessInfo.StartTime(pid));
        Assert.True(ProcessInfo.IsAlive(pid, ProcessInfo.StartTime(pid)));
        Assert.False(ProcessInfo.IsAlive(pid, ProcessInfo.StartTime(pid) + 1)); // a reused pid is another process
        Assert.Equal(0UL, ProcessInfo.StartTime(int.MaxValue));
        Assert.False(ProcessInfo.IsAlive(int.MaxValue, 0));
    }

    [Fact]
    public void A_command_name_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        var dir = Directory.CreateTempSubdirectory("nido-procinfo-").FullName;
        try
        {
            var odd = Path.Combine(dir, "a) (b c");
            File.Copy("/bin/sleep", odd);
            File.SetUnixFileMode(odd, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            using var p = Process.Start(odd, "30");
            try
            {
                Assert.True(ProcessInfo.IsAlive(p.Id, 0));
                var stat = File.ReadAllText($"/proc/{p.Id}/stat");
                Assert.Contains("(a) (b c)", stat);
                Assert.Equal(ulong.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19]), ProcessInfo.StartTime(p.Id));
            }
            finally
            {
                p.Kill();
                p.WaitForExit();
            }
            Assert.False(ProcessInfo.IsAlive(p.Id, 0));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

public class KernelReleaseTests
{
    [Theory]
    [InlineData("6.18.44-fc-v657", 6, 18)]
    [InlineData("5.15.0-91-generic", 5, 15)]
    [InlineData("6.10-rc3", 6, 10)]
    [InlineData("4.19", 4, 19)]
    public void Releases_parse_to_major_and_minor(string release, int major, int minor) =>
        Assert.Equal(new Version(major, minor), Host.ParseRelease(release));

    [Fact]
    public void What_does_not_parse_is_null() => Assert.Null(Host.ParseRelease("garbage"));

    [Fact]
    public void This_kernel_is_at_least_itself_and_not_beyond()
    {
        var v = Host.ParseRelease(Host.Uname().Release)!;
        Assert.True(Host.KernelAtLeast(v.Major, v.Minor));
        Assert.False(Host.KernelAtLeast(v.Major, v.Minor + 1));
    }
}
