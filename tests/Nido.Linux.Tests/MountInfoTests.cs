namespace Nido.Linux.Tests;

public class MountInfoTests
{
    [Fact]
    public void Parses_fields_optional_tags_and_octal_escapes()
    {
        var entries = MountInfo.Parse("""
            22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw
            36 22 0:32 / /mnt/with\040space rw,nosuid shared:13 master:2 - tmpfs tmp\134fs rw,size=1024k
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw

            """);
        Assert.Equal(3, entries.Count);
        Assert.Equal("/", entries[0].MountPoint);
        Assert.True(entries[0].IsShared);
        Assert.Equal("/mnt/with space", entries[1].MountPoint);
        Assert.Equal(@"tmp\fs", entries[1].Source);
        Assert.Equal(["shared:13", "master:2"], entries[1].OptionalFields);
        Assert.Equal("tmpfs", entries[1].FsType);
        Assert.Contains("size=1024k", entries[1].SuperOptionSet);
        Assert.Empty(entries[2].OptionalFields);
        Assert.False(entries[2].IsShared);
    }

    [Fact]
    public void Malformed_lines_name_the_line()
    {
        var e = Assert.Throws<FormatException>(() => MountInfo.Parse("22 1 0:21 / / rw - ext4 /dev/vda rw\nnot a mount line\n"));
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void Reads_this_process()
    {
        var mine = MountInfo.ReadSelf();
        Assert.Contains(mine, m => m.MountPoint == "/" );
        Assert.Contains(mine, m => m.MountPoint == "/proc" && m.FsType == "proc");
    }
}
