namespace Nido.Linux.Tests;

public class SpawnTests
{
    [Fact]
    public void Runs_a_program_and_collects_output_and_exit_code()
    {
        var r = Run.Capture(new SpawnOptions { Path = "/bin/echo", Arguments = ["echo", "hello", "nido"] });
        Assert.Equal("hello nido\n", r.Stdout);
        Assert.Equal(new ExitStatus(0, 0), r.Status);
    }

    [Fact]
    public void Reports_a_non_zero_exit_code()
    {
        var r = Run.Shell("echo oops >&2; exit 3");
        Assert.Equal(3, r.Status.Code);
        Assert.True(r.Status.Exited);
        Assert.Equal("oops\n", r.Stderr);
    }

    [Fact]
    public void Reports_death_by_signal()
    {
        var r = Run.Shell("kill -KILL $$");
        Assert.Equal(Signals.SIGKILL, r.Status.Signal);
        Assert.Equal(137, r.Status.ShellCode);
    }

    [Fact]
    public void A_missing_program_is_an_execve_error_naming_the_path()
    {
        Expect.Errno(() => ProcessSpawner.Spawn(new SpawnOptions { Path = "/nonexistent/prog", Arguments = ["prog"] }),
            "execve", Errno.ENOENT, "/nonexistent/prog");
    }

    [Fact]
    public void A_missing_working_directory_is_a_chdir_error()
    {
        Expect.Errno(() => ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], WorkingDirectory = "/no/such/dir" }),
            "chdir", Errno.ENOENT, "chdir(/no/such/dir)");
    }

    [Fact]
    public void Passes_environment_and_working_directory()
    {
        var r = Run.Capture(new SpawnOptions
        {
            Path = "/bin/sh", Arguments = ["sh", "-c", "echo \"$GREETING\" $(pwd)"],
            Environment = ["GREETING=hola", "PATH=/usr/bin:/bin"], WorkingDirectory = "/tmp",
        });
        Assert.Equal("hola /tmp\n", r.Stdout);
    }

    [Fact]
    public void The_child_starts_with_default_signal_dispositions_and_an_empty_mask()
    {
        // .NET ignores SIGPIPE; a spawned program must not inherit that (execve keeps ignored signals).
        var r = Run.Shell("grep -E '^Sig(Ign|Blk)' /proc/self/status");
        Assert.Contains("SigIgn:\t0000000000000000", r.Stdout);
        Assert.Contains("SigBlk:\t0000000000000000", r.Stdout);
    }

    [Fact]
    public void Only_mapped_descriptors_reach_the_child()
    {
        var (extraR, extraW) = FileIo.Pipe();
        using (extraR)
        using (extraW)
        {
            var r = Run.Capture(new SpawnOptions { Path = "/bin/sh", Arguments = ["sh", "-c", "ls /proc/self/fd"], Fds = [new FdMapping(extraR, 5)] });
            var fds = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Where(fd => fd > 2).ToArray();
            // ls opens one directory fd of its own (3); 5 is ours; nothing else leaks.
            Assert.Contains(5, fds);
            Assert.All(fds, fd => Assert.True(fd is 3 or 5, $"unexpected fd {fd} in the child"));
        }
    }

    [Fact]
    public void Descriptors_can_be_swapped_between_slots()
    {
        var r = Run.Capture(new SpawnOptions
        {
            Path = "/bin/sh", Arguments = ["sh", "-c", "echo to-stderr >&2; echo to-stdout"],
        });
        Assert.Equal("to-stdout\n", r.Stdout);
        // Map stdout's pipe to 2 and stderr's to 1 through the same mechanism.
        var (outR, outW) = FileIo.Pipe();
        var (errR, errW) = FileIo.Pipe();
        using (outR)
        using (errR)
        {
            using (var child = ProcessSpawner.Spawn(new SpawnOptions
            {
                Path = "/bin/sh", Arguments = ["sh", "-c", "echo a; echo b >&2"],
                Fds = [new FdMapping(outW, 2), new FdMapping(errW, 1)],
            }))
            {
                outW.Dispose();
                errW.Dispose();
                child.WaitForExit();
            }
            Assert.Equal("b\n", Run.ReadAll(outR));
            Assert.Equal("a\n", Run.ReadAll(errR));
        }
    }

    [Fact]
    public void New_pid_mount_and_uts_namespaces()
    {
        Requires.Root();
        var r = Run.Shell("echo $$; hostname; readlink /proc/self/ns/uts /proc/self/ns/mnt",
            NamespaceFlags.Pid | NamespaceFlags.Mount | NamespaceFlags.Uts, hostname: "nido-test");
        var lines = r.Stdout.Split('\n');
        Assert.Equal("1", lines[0]);
        Assert.Equal("nido-test", lines[1]);
        Assert.StartsWith("uts:[", lines[2]);
        Assert.NotEqual(Namespaces.Identity(Signals.CurrentProcessId, NamespaceFlags.Uts), lines[2]);
        Assert.NotEqual(Namespaces.Identity(Signals.CurrentProcessId, NamespaceFlags.Mount), lines[3]);
        Assert.Equal(0, r.Status.Code);
        Assert.NotEqual("nido-test", Host.Uname().NodeName);
    }

    [Fact]
    public void New_user_namespace_with_mappings_written_by_the_parent()
    {
        Requires.Path("/proc/self/ns/user", "no user namespaces in this kernel");
        var marker = Path.Combine("/tmp", $"nido-userns-{Guid.NewGuid():N}");
        // Root may map a range of subordinate ids; anyone else only their own id (the rootless case).
        var (outsideUid, outsideGid, size) = Credentials.IsRoot ? (100000u, 100000u, 65536u) : (Credentials.EffectiveUid, Credentials.EffectiveGid, 1u);
        var (outR, outW) = FileIo.Pipe();
        using (outR)
        {
            ChildProcess child;
            using (outW)
            {
                child = ProcessSpawner.Spawn(new SpawnOptions
                {
                    Path = "/bin/sh", Arguments = ["sh", "-c", "id -u; id -g; cat /proc/self/uid_map; touch " + marker],
                    NewNamespaces = NamespaceFlags.User, WaitForRelease = true, Fds = [new FdMapping(outW, 1)],
                    User = new SpawnUser(0, 0),
                });
            }
            using (child)
            {
                child.WriteIdMappings([new IdMapping(0, outsideUid, size)], [new IdMapping(0, outsideGid, size)], denySetgroups: true);
                child.Release();
                Assert.Equal(0, child.WaitForExit().Code);
            }
            var lines = Run.ReadAll(outR).Split('\n');
            Assert.Equal("0", lines[0]);
            Assert.Equal("0", lines[1]);
            Assert.Equal(["0", $"{outsideUid}", $"{size}"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            // Root inside is the mapped id outside: what it creates belongs to that id on the host.
            Assert.Equal($"{outsideUid}\n", Run.Capture(new SpawnOptions { Path = "/usr/bin/stat", Arguments = ["stat", "-c", "%u", marker] }).Stdout);
            File.Delete(marker);
        }
    }

    [Fact]
    public void Disposing_an_unreleased_child_kills_it_without_running_the_program()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"nido-spawn-{Guid.NewGuid():N}");
        var child = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/touch", Arguments = ["touch", marker], WaitForRelease = true });
        var pid = child.Pid;
        child.Dispose();
        Assert.False(File.Exists(marker));
        Assert.False(Directory.Exists($"/proc/{pid}"), "the unreleased child must be reaped");
    }

    // kcmp(2) KCMP_VM: 0 when the two processes share one address space.
    private static long CompareMemory(int pid) => Interop.syscall(312 /* kcmp */, Environment.ProcessId, pid, 1 /* KCMP_VM */);

    [Fact]
    public void A_child_asked_to_share_this_process_memory_does_so_until_it_executes()
    {
        using (var child = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/sleep", Arguments = ["sleep", "30"], WaitForRelease = true, ShareMemory = true }))
        {
            Assert.Equal(0, CompareMemory(child.Pid));
            child.Release();
            Assert.NotEqual(0, CompareMemory(child.Pid)); // executed: its own memory now
            child.Kill();
            child.WaitForExit();
        }
        using var unasked = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], WaitForRelease = true });
        Assert.NotEqual(0, CompareMemory(unasked.Pid));
    }

    [Fact]
    public void A_child_that_changes_its_ids_or_enters_a_user_namespace_gets_memory_of_its_own()
    {
        Requires.Root();
        // Its id change would mark this process's memory non-dumpable; setns refuses a user namespace to shared memory.
        using var otherUser = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], WaitForRelease = true, ShareMemory = true, User = new SpawnUser(65534, 65534) });
        Assert.NotEqual(0, CompareMemory(otherUser.Pid));
        using var userNs = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], WaitForRelease = true, ShareMemory = true, NewNamespaces = NamespaceFlags.User });
        Assert.NotEqual(0, CompareMemory(userNs.Pid));
        using var sameUser = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], WaitForRelease = true, ShareMemory = true, User = new SpawnUser(0, 0, []) });
        Assert.Equal(0, CompareMemory(sameUser.Pid));
    }

    [Fact]
    public void A_paused_child_still_reads_its_plan_after_this_process_reuses_freed_memory()
    {
        // The plan lives in native memory the child reads until it executes: freed early, these allocations would take
        // its place and overwrite the steps still to run.
        var (child, outR) = SpawnScriptTests.SpawnToPipe(new SpawnOptions
        {
            Path = "/bin/echo", Arguments = ["echo", "intact", "arguments"], WaitForRelease = true, ShareMemory = true,
            Setup = new SpawnScript().Pause("waiting"),
        });
        using (outR)
        using (child)
        {
            Assert.Equal("waiting", child.Resume());
            var blocks = new List<nint>();
            unsafe
            {
                for (var size = 8; size <= 65536; size *= 2)
                    for (var i = 0; i < 64; i++)
                    {
                        var p = System.Runtime.InteropServices.NativeMemory.Alloc((nuint)size);
                        new Span<byte>(p, size).Fill(0xff);
                        blocks.Add((nint)p);
                    }
                GC.Collect();
                Assert.Null(child.Resume());
                foreach (var p in blocks) System.Runtime.InteropServices.NativeMemory.Free((void*)p);
            }
            Assert.Equal(0, child.WaitForExit().Code);
            Assert.Equal("intact arguments\n", Run.ReadAll(outR));
        }
    }

    [Fact]
    public void Signals_are_delivered_through_the_pidfd()
    {
        using var child = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/sleep", Arguments = ["sleep", "30"] });
        Assert.Null(child.TryGetExitStatus());
        child.Signal(Signals.SIGTERM);
        Assert.Equal(Signals.SIGTERM, child.WaitForExit().Signal);
        Expect.Errno(() => child.Signal(Signals.SIGTERM), "pidfd_send_signal", Errno.ESRCH, "SIGTERM");
    }

    [Fact]
    public void Session_and_controlling_terminal()
    {
        using var pty = Pty.Open();
        using var child = ProcessSpawner.Spawn(new SpawnOptions
        {
            Path = "/bin/sh", Arguments = ["sh", "-c", "tty; ps -o sid= -p $$; echo $$"],
            Fds = [new FdMapping(pty.Slave, 0), new FdMapping(pty.Slave, 1), new FdMapping(pty.Slave, 2)],
            NewSession = true, ControllingTerminal = 0,
        });
        pty.Slave.Dispose(); // only the child holds the slave now: the master reads EIO once it has exited
        var output = new System.Text.StringBuilder();
        var buf = new byte[4096];
        try
        {
            int n;
            while ((n = FileIo.Read(pty.Master, buf)) > 0) output.Append(System.Text.Encoding.UTF8.GetString(buf, 0, n));
        }
        catch (ErrnoException e) when (e.Errno == Errno.EIO) { }
        Assert.Equal(0, child.WaitForExit().Code);
        var lines = output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(pty.SlaveName, lines[0]);
        Assert.Equal(lines[2].Trim(), lines[1].Trim()); // session id == its own pid: setsid worked
    }

    [Fact]
    public void No_new_privileges_and_parent_death_signal_are_applied()
    {
        var r = Run.Capture(new SpawnOptions
        {
            Path = "/bin/grep", Arguments = ["grep", "NoNewPrivs", "/proc/self/status"], NoNewPrivileges = true,
        });
        Assert.Equal("NoNewPrivs:\t1\n", r.Stdout);
    }

    [Fact]
    public void Joins_an_existing_namespace_by_fd()
    {
        Requires.Root();
        using var holder = ProcessSpawner.Spawn(new SpawnOptions
        {
            Path = "/bin/sleep", Arguments = ["sleep", "30"], NewNamespaces = NamespaceFlags.Uts | NamespaceFlags.Mount, Hostname = "joined-ns",
        });
        try
        {
            using var uts = Namespaces.Open(holder.Pid, NamespaceFlags.Uts);
            using var mnt = Namespaces.Open(holder.Pid, NamespaceFlags.Mount);
            var r = Run.Capture(new SpawnOptions
            {
                Path = "/bin/sh", Arguments = ["sh", "-c", "hostname; readlink /proc/self/ns/mnt"],
                JoinNamespaces = [new NamespaceJoin(uts, NamespaceFlags.Uts), new NamespaceJoin(mnt, NamespaceFlags.Mount)],
            });
            var lines = r.Stdout.Split('\n');
            Assert.Equal("joined-ns", lines[0]);
            Assert.Equal(Namespaces.Identity(holder.Pid, NamespaceFlags.Mount), lines[1]);
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    [Fact]
    public void Bad_options_are_rejected_before_anything_is_cloned()
    {
        Assert.Throws<ArgumentException>(() => ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = [] }));
        Assert.Throws<ArgumentException>(() => ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true", "a\0b"] }));
        using var pipe = FileIo.Pipe().Read;
        Assert.Throws<ArgumentException>(() => ProcessSpawner.Spawn(new SpawnOptions
        {
            Path = "/bin/true", Arguments = ["true"], Fds = [new FdMapping(pipe, 4), new FdMapping(pipe, 4)],
        }));
    }

    [Fact]
    public async Task Many_spawns_while_another_thread_allocates_do_not_hang()
    {
        using var stop = new CancellationTokenSource();
        var token = TestContext.Current.CancellationToken;
        var churn = Task.Run(() =>
        {
            var keep = new List<byte[]>();
            while (!stop.IsCancellationRequested)
            {
                keep.Add(new byte[1024]);
                if (keep.Count > 10_000) keep.Clear();
            }
        }, token);
        var threads = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                using var child = ProcessSpawner.Spawn(new SpawnOptions { Path = "/bin/true", Arguments = ["true"], NewNamespaces = Credentials.IsRoot ? NamespaceFlags.Uts | NamespaceFlags.Pid : 0 });
                Assert.Equal(0, child.WaitForExit().Code);
            }
        }, token)).ToArray();
        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromMinutes(2), token); // a hang fails with TimeoutException
        stop.Cancel();
        await churn;
    }
}
