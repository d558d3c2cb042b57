namespace Nido.Linux.Tests;

/// <summary>Mount work happens on a thread that first unshares its mount namespace, so the host's mounts never change.</summary>
public class MountTests
{
    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"nido-mnt-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Tmpfs_bind_readonly_remount_and_unmount()
    {
        Requires.Root();
        var dir = TempDir();
        try
        {
            FreshThread.Run(() =>
            {
                Namespaces.Unshare(NamespaceFlags.Mount);
                Mounts.SetPropagation("/", MountFlags.Private);
                Mounts.Mount("tmpfs", dir, "tmpfs", MountFlags.NoSuid, "size=1m,mode=755");
                Assert.Equal(Host.TMPFS_MAGIC, Host.FileSystemType(dir));
                Directory.CreateDirectory(Path.Combine(dir, "a"));
                Directory.CreateDirectory(Path.Combine(dir, "b"));
                File.WriteAllText(Path.Combine(dir, "a", "f"), "x");
                Mounts.Bind(Path.Combine(dir, "a"), Path.Combine(dir, "b"));
                Assert.Equal("x", File.ReadAllText(Path.Combine(dir, "b", "f")));
                Mounts.Mount(null, Path.Combine(dir, "b"), null, MountFlags.Remount | MountFlags.Bind | MountFlags.ReadOnly);
                var e = Assert.Throws<IOException>(() => File.WriteAllText(Path.Combine(dir, "b", "g"), "y"));
                Assert.Contains("Read-only", e.Message);
                Mounts.Unmount(Path.Combine(dir, "b"));
                Mounts.Unmount(dir, UnmountFlags.Detach);
            });
            Assert.Empty(Directory.GetFileSystemEntries(dir)); // the host never saw the tmpfs
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Mount_errors_name_source_and_target()
    {
        Requires.Root();
        Expect.Errno(() => FreshThread.Run(() =>
        {
            Namespaces.Unshare(NamespaceFlags.Mount);
            Mounts.Mount("none", "/nonexistent/target", "tmpfs", MountFlags.None);
        }), "mount", Errno.ENOENT, "\"none\" → /nonexistent/target, tmpfs");
    }

    [Fact]
    public void Pivot_root_and_chroot_change_only_the_calling_thread()
    {
        Requires.Root();
        var dir = TempDir();
        try
        {
            var seen = FreshThread.Run(() =>
            {
                Namespaces.Unshare(NamespaceFlags.Mount);
                Mounts.SetPropagation("/", MountFlags.Private);
                Mounts.Mount("tmpfs", dir, "tmpfs", MountFlags.None, "size=1m");
                File.WriteAllText(Path.Combine(dir, "marker"), "new root");
                Directory.CreateDirectory(Path.Combine(dir, "old"));
                Directory.CreateDirectory(Path.Combine(dir, "jail"));
                File.WriteAllText(Path.Combine(dir, "jail", "inside"), "jailed");
                Mounts.ChangeDirectory(dir);
                Mounts.PivotRoot(".", "old");
                Mounts.ChangeDirectory("/");
                var marker = File.ReadAllText("/marker");
                Mounts.Unmount("/old", UnmountFlags.Detach);
                Mounts.ChangeRoot("/jail");
                Mounts.ChangeDirectory("/");
                return (marker, File.ReadAllText("/inside"));
            });
            Assert.Equal(("new root", "jailed"), seen);
            Assert.True(File.Exists("/proc/self/status")); // this thread's root is untouched
        }
        finally { Directory.Delete(dir, true); }
    }
}
