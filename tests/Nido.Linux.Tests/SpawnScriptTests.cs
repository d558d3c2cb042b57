using System.Text;

namespace Nido.Linux.Tests;

/// <summary>Scripts run by the spawn trampoline before execve: the container init's way of working without managed code.</summary>
public sealed class SpawnScriptTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("nido-script-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Spawns with stdout on a pipe: the child and the pipe's read end (this process's write end closed).</summary>
    internal static (ChildProcess Child, SafeFdHandle Stdout) SpawnToPipe(SpawnOptions options)
    {
        var (read, write) = FileIo.Pipe();
        using (write) return (ProcessSpawner.Spawn(options with { Fds = [new FdMapping(write, 1)] }), read);
    }

    [Fact]
    public void Steps_run_before_the_program_and_creating_steps_accept_what_exists()
    {
        var script = new SpawnScript()
            .MakeDirectories($"{dir}/a/b").MakeDirectories($"{dir}/a/b")
            .Symlink("b", $"{dir}/a/link").Symlink("elsewhere", $"{dir}/a/link")
            .CreateFile($"{dir}/a/empty").CreateFile($"{dir}/a/empty")
            .WriteFile($"{dir}/a/empty", "written\n"u8, "test file")
            .Remove($"{dir}/a/missing");
        var r = Run.Capture(new SpawnOptions { Path = "/bin/sh", Arguments = ["sh", "-c", $"cat {dir}/a/empty; readlink {dir}/a/link; test -d {dir}/a/b && echo dir"], Setup = script });
        Assert.Equal(0, r.Status.Code);
        Assert.Equal("written\nb\ndir\n", r.Stdout);
    }

    [Fact]
    public void A_failing_step_is_an_error_naming_its_call_and_subject()
    {
        var script = new SpawnScript().MakeDirectory($"{dir}/x").Mount($"{dir}/no-such-source", $"{dir}/x", null, MountFlags.Bind);
        Expect.Errno(() => ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], Setup = script }),
            "mount", Errno.ENOENT, "no-such-source");
    }

    [Fact]
    public void A_tolerated_errno_counts_as_success_and_others_still_fail()
    {
        var ok = new SpawnScript().Mount($"{dir}/missing", $"{dir}/missing", null, MountFlags.Bind, tolerate: Errno.ENOENT);
        Assert.Equal(0, Run.Capture(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], Setup = ok }).Status.Code);
        File.WriteAllText($"{dir}/file", "");
        var notTolerated = new SpawnScript().Mount("tmpfs", $"{dir}/file", "tmpfs", 0, tolerate: Errno.ENOENT);
        Expect.Errno(() => ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], Setup = notTolerated, NewNamespaces = NamespaceFlags.Mount }),
            "mount", Errno.ENOTDIR);
    }

    [Fact]
    public void Pauses_hand_control_to_the_parent_and_the_last_one_can_name_the_program()
    {
        var (child, outR) = SpawnToPipe(new SpawnOptions
        {
            Path = "chosen later", Arguments = ["echo", "from", "the", "parent's", "choice"], WaitForRelease = true,
            Setup = new SpawnScript().Pause("first").PauseForProgram("second").Report("reported"),
        });
        using (outR)
        {
            using (child)
            {
                Assert.Equal("first", child.Resume());
                Assert.Equal("second", child.Resume());
                Assert.Equal("reported", child.Resume(Encoding.UTF8.GetBytes("/bin/echo\0")));
                Assert.Null(child.NextEvent());
                Assert.Equal(0, child.WaitForExit().Code);
                Assert.Equal("from the parent's choice\n", Run.ReadAll(outR));
            }
        }
    }

    [Fact]
    public void A_child_released_at_its_first_pause_runs_its_steps_up_to_it_without_waiting()
    {
        var (child, outR) = SpawnToPipe(new SpawnOptions
        {
            Path = "chosen later", Arguments = ["cat", $"{dir}/made"], WaitForRelease = true, ReleaseAtFirstPause = true,
            Setup = new SpawnScript().CreateFile($"{dir}/made").WriteFile($"{dir}/made", "before the pause\n"u8, "test file")
                .Pause("first").PauseForProgram("second").Report("committed"),
        });
        using (outR)
        {
            using (child)
            {
                // No release was sent: the steps before the pause ran on their own.
                Assert.Equal("first", child.NextEvent());
                Assert.Equal("before the pause\n", File.ReadAllText($"{dir}/made"));
                Assert.Equal("second", child.Resume());
                // Continue does not wait: the report and then the execve are met later.
                child.Continue(Encoding.UTF8.GetBytes("/bin/cat\0"));
                Assert.Equal("committed", child.NextEvent());
                Assert.Null(child.NextEvent());
                Assert.Equal(0, child.WaitForExit().Code);
                Assert.Equal("before the pause\n", Run.ReadAll(outR));
            }
        }
    }

    [Fact]
    public void Releasing_at_the_first_pause_needs_the_release_pipe_and_no_unshare_after_it()
    {
        Assert.Throws<ArgumentException>(() => ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], ReleaseAtFirstPause = true }));
        Assert.Throws<ArgumentException>(() => ProcessSpawner.Spawn(new SpawnOptions
        {
            Path = "/bin/true", Arguments = ["true"], WaitForRelease = true, ReleaseAtFirstPause = true, UnshareAfterRelease = NamespaceFlags.Uts,
        }));
    }

    [Fact]
    public void A_script_unshares_namespaces_at_its_place_and_best_effort_directories_never_fail_it()
    {
        var r = Run.Capture(new SpawnOptions
        {
            Path = "/bin/sh", Arguments = ["sh", "-c", "readlink /proc/self/ns/uts"],
            Setup = new SpawnScript().MakeDirectories("/proc/no/such/place", bestEffort: true).Unshare(NamespaceFlags.Uts),
        });
        Assert.Equal(0, r.Status.Code);
        Assert.StartsWith("uts:[", r.Stdout);
        Assert.NotEqual(new FileInfo("/proc/self/ns/uts").LinkTarget, r.Stdout.Trim());
        Assert.Throws<ErrnoException>(() => ProcessSpawner.Spawn(new SpawnOptions
        {
            Path = "/bin/true", Arguments = ["true"], Setup = new SpawnScript().MakeDirectories("/proc/no/such/place"),
        }));
    }

    [Fact]
    public void While_paused_the_child_holds_only_its_own_descriptors()
    {
        using var parentFile = File.OpenHandle($"{dir}/parent-only", FileMode.Create, FileAccess.Write);
        using var child = ProcessSpawner.Spawn(new SpawnOptions
        {
            Path = "/bin/true", Arguments = ["true"], WaitForRelease = true, Setup = new SpawnScript().Pause("look"),
        });
        Assert.Equal("look", child.Resume());
        var links = Directory.GetFiles($"/proc/{child.Pid}/fd").Select(fd => new FileInfo(fd).LinkTarget ?? "").ToArray();
        Assert.DoesNotContain(links, l => l.Contains("parent-only"));
        Assert.True(links.Length <= 5, $"the paused child holds {string.Join(", ", links)}");
        Assert.Null(child.Resume());
    }

    [Fact]
    public void A_console_opened_by_the_child_is_taken_by_the_parent_through_the_pidfd()
    {
        var master = new SpawnFdSlot();
        using var child = ProcessSpawner.Spawn(new SpawnOptions
        {
            Path = "/bin/sh", Arguments = ["sh", "-c", "tty; stty size"], WaitForRelease = true,
            Setup = new SpawnScript().OpenConsole(master, new SpawnFdSlot(), 33, 101).Pause("console").Close(master),
        });
        Assert.Equal("console", child.Resume());
        using var pty = PidFd.GetFd(child.PidFd, master.Number);
        var name = Pty.SlaveNameOf(pty);
        Assert.StartsWith("/dev/pts/", name);
        Assert.Null(child.Resume());
        var output = new StringBuilder();
        var buf = new byte[256];
        while (output.ToString().Split('\n').Length < 3)
        {
            int n;
            try { n = FileIo.Read(pty, buf); }
            catch (ErrnoException e) when (e.Errno == Errno.EIO) { break; } // the slave side closed
            if (n == 0) break;
            output.Append(Encoding.UTF8.GetString(buf, 0, n));
        }
        child.WaitForExit();
        Assert.Contains(name, output.ToString());
        Assert.Contains("33 101", output.ToString());
    }
}
