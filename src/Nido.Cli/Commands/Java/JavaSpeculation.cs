using Nido.Jvm.Runtime;
using Nido.Jvm.X64;
using Nido.Linux;

namespace Nido.Cli.Commands.Java;

/// <summary>
/// `nido java` in the native binary: the program starts here, interpreted (the class library boots in ~20 ms), while
/// the JIT host (CoreCLR, ~90 ms to the same point) boots beside it on the other core and waits (<see cref="JavaStandby"/>).
/// Until one of them is chosen, this process holds its output back and runs nothing that acts outside it (the
/// <see cref="StartupGate"/>). A program that ends first is kept: its output goes out, the host is killed, and the
/// run took the native start's time. One that is still running when the host is ready, or that reaches an effect
/// (a file written, stdin read, a socket …) or 1 MiB of output first, is given to the host, which runs it from the
/// start with its JIT, while this process becomes a waiter (`nido java-proxy`) that passes signals on and exits with
/// the host's status. Nothing the given-up run did is seen: it had written nothing and changed nothing.
/// </summary>
internal sealed class JavaSpeculation : StartupGate
{
    private const int Undecided = 0, HandingOff = 1, Live = 2;

    private readonly object sync = new();
    private readonly ManualResetEventSlim decided = new();
    private readonly EventFd wake = new();
    private readonly bool trace;
    private IReadOnlyList<string> javaArgs = [];
    private SafeFdHandle? control;
    private volatile ChildProcess? host;
    private int state;
    private string reason = "";

    private readonly ManualResetEventSlim spawned = new();
    private readonly int budget = Budget;
    private readonly long deadline;

    private JavaSpeculation(bool trace)
    {
        this.trace = trace;
        deadline = Environment.TickCount64 + budget;
    }

    public override bool MayCompile => true;

    /// <summary>
    /// Installs the gate and starts the JIT host in standby on a thread of its own (the start here does not wait for
    /// it); false when there is no host to start.
    /// </summary>
    public static bool TryStart(IReadOnlyList<string> javaArgs, IReadOnlyList<(string Name, string Value)> runtimeDefaults)
    {
        var mode = Environment.GetEnvironmentVariable("NIDO_SPECULATE");
        if (mode is "0" or "off" || !File.Exists(JitHost.Path)) return false;
        var speculation = new JavaSpeculation(mode == "trace") { javaArgs = javaArgs };
        Install(speculation);
        // The thread that spawns the host is the one that later executes the waiter: the host's parent-death signal
        // fires when its spawning thread ends, and execve ends every other thread.
        new Thread(() => speculation.Watch(javaArgs, runtimeDefaults)) { IsBackground = true, Name = "nido speculation" }.Start();
        return true;
    }

    private void Watch(IReadOnlyList<string> javaArgs, IReadOnlyList<(string Name, string Value)> runtimeDefaults)
    {
        try
        {
            try { SpawnHost(javaArgs, runtimeDefaults); }
            finally { spawned.Set(); }
            if (host is not null) Loop();
        }
        catch (Exception e)
        {
            // Whatever failed here (descriptors exhausted, epoll), the run is this process's: it goes on, interpreted.
            HostLost($"the speculation failed: {e.Message}");
        }
    }

    private void SpawnHost(IReadOnlyList<string> javaArgs, IReadOnlyList<(string Name, string Value)> runtimeDefaults)
    {
        SafeFdHandle ours, theirs;
        try
        {
            (ours, theirs) = UnixSockets.SocketPair();
        }
        catch (ErrnoException e)
        {
            HostLost($"cannot start the JIT host: {e.Message}");
            return;
        }
        try
        {
            host = ProcessSpawner.Spawn(new SpawnOptions
            {
                Path = JitHost.Path,
                Arguments = [JitHost.Path, JavaStandby.Verb, JavaStandby.ControlFd.ToString(), .. javaArgs],
                Environment = JitHost.HostEnvironment(runtimeDefaults),
                Fds = [new FdMapping(theirs, JavaStandby.ControlFd)],
                ParentDeathSignal = Signals.SIGKILL,
                ShareMemory = true,
            });
        }
        catch (ErrnoException e)
        {
            ours.Dispose();
            HostLost($"cannot start the JIT host: {e.Message}");
            return;
        }
        finally
        {
            theirs.Dispose();
        }
        control = ours;
    }

    /// <summary>
    /// How long a run may stay here: past it, the program is not a short one and this process stops competing for
    /// the CPU with the host's boot (which it slowed by 10–15%), giving the run to the host even before it is ready.
    /// Hello ends here in ~25 ms.
    /// </summary>
    private static int Budget => int.TryParse(Environment.GetEnvironmentVariable("NIDO_SPECULATE_MS"), out var ms) && ms >= 0 ? ms : 40;

    /// <summary>Milliseconds after the start that a run inside the native tier's code may keep going here past the budget.</summary>
    private const int NativeGrace = 150;

    /// <summary>Milliseconds after the native tier's code last ran that the run still counts as in it.</summary>
    private const int NativeLinger = 10;

    /// <summary>
    /// Milliseconds after the start that a run spending nearly all its time (<see cref="NativeShare"/>) in the native
    /// tier's code may keep going here: that code is at least as fast as the host's for what it compiles (fib(40):
    /// 343 ms here, 570 in the host plus its start). Bounded, because a program that then turns to other work would
    /// start over in the host and lose what ran here. NIDO_SPECULATE_NATIVE_MS sets it (tests).
    /// </summary>
    private static int NativeLongest =>
        int.TryParse(Environment.GetEnvironmentVariable("NIDO_SPECULATE_NATIVE_MS"), out var ms) && ms >= 0 ? ms : 500;

    /// <summary>The share of recent samples (a moving average over ~20) that must find the native tier's code running.</summary>
    private const double NativeShare = 0.9;

    /// <summary>Moves an undecided run towards the host for <paramref name="why"/>; false once the run is kept here.</summary>
    private bool Claim(string why)
    {
        lock (sync)
        {
            if (state == Live) return false;
            if (state == Undecided)
            {
                state = HandingOff;
                reason = why;
            }
            return true;
        }
    }

    private void Loop()
    {
        using var epoll = new Epoll();
        epoll.Add(control!, EpollEvents.In | EpollEvents.RdHup, 0);
        epoll.Add(wake.Handle, EpollEvents.In, 1);
        Span<EpollEvent> events = stackalloc EpollEvent[2];
        Span<byte> one = stackalloc byte[1];
        var until = deadline;
        var ready = false;
        var seenNativeCalls = 0L;
        var lastNative = long.MinValue / 2;
        var share = -1.0; // no sample yet
        var nativeLongest = NativeLongest;
        while (true)
        {
            var left = (int)Math.Max(0, until - Environment.TickCount64);
            var n = epoll.Wait(events, left);
            string? why = n == 0 && Environment.TickCount64 >= until ? ready ? "the JIT host is ready" : $"still running after {budget} ms" : null;
            var effect = false;
            for (var i = 0; i < n; i++)
            {
                if (events[i].Data == 1)
                {
                    why ??= "an effect"; // Decide rang: it has claimed the run with its own reason already
                    effect = true;
                    continue;
                }
                int got;
                try { got = FileIo.Read(control!, one); }
                catch (ErrnoException) { got = 0; }
                if (got == 0)
                {
                    lock (sync)
                        if (state == Live) return; // killed by Finishing
                    // The host died before it was needed (or never booted): this process runs the program after all.
                    HostLost("the JIT host ended before it was ready");
                    return;
                }
                ready = true;
                why ??= "the JIT host is ready";
            }
            if (why is null) continue;
            // Code of the native tier is running, or ran lately (a recursion's interpreted frames call it again and
            // again, and a program's last lines and exit follow its last call): the host would start the program
            // over and redo that work, so the budget and the host's readiness wait, up to NativeGrace after the start
            // (fib(35) ends here in ~60 ms), or up to NativeLongest while nearly all the time goes to that code
            // (sampled at each 2 ms turn). An effect never waits: Decide has claimed the run already.
            var now = Environment.TickCount64;
            var nativeCalls = X64Tier.Calls;
            var inNative = X64Tier.CallsInProgress > 0;
            if (inNative || nativeCalls != seenNativeCalls) lastNative = now;
            seenNativeCalls = nativeCalls;
            // The first sample stands for the time before it (the wait for the budget or the host's readiness).
            share = share < 0 ? inNative ? 1 : 0 : share * 0.95 + (inNative ? 0.05 : 0);
            var start = deadline - budget;
            if (!effect && (now - lastNative <= NativeLinger && now < start + NativeGrace || share >= NativeShare && now < start + nativeLongest))
            {
                until = now + 2;
                continue;
            }
            if (Claim(why)) HandOff(); // else the program ended here first; Finishing kills the host
            return;
        }
    }

    /// <summary>
    /// The run goes to the host. The verdict ("g") is the waiter's to send, once it passes signals on: sent from here,
    /// the host could go live and print while this process is still exec'ing, and a SIGTERM in that window would end
    /// the waiter by default and the host with it (PR_SET_PDEATHSIG), its shutdown hooks never run.
    /// </summary>
    private void HandOff()
    {
        if (trace) Console.Error.WriteLine($"nido: speculation: the JIT host runs the program ({reason})");
        var self = Environment.ProcessPath ?? "/proc/self/exe";
        try
        {
            // Replaces every thread of this process (the given-up run with them) by the waiter; the host stays our
            // child, and the control socket stays open across the exec for the waiter's verdict.
            FileIo.SetCloseOnExec(control!, false);
            JavaCommand.UnignoreQuit(javaArgs);
            Exec.Execve(self, [self, JavaProxy.Verb, host!.Pid.ToString(), control!.DangerousGetHandle().ToString()], Exec.InheritedEnvironment());
        }
        catch (ErrnoException)
        {
            Environment.Exit(JavaProxy.Wait(host!, control!));
        }
    }

    private void HostLost(string why)
    {
        if (trace) Console.Error.WriteLine($"nido: speculation: {why}; the program runs here, interpreted");
        lock (sync) state = Live;
        GoLive();
        decided.Set();
        try
        {
            host?.Kill(); // already gone, or left waiting for a verdict that will not come
            host?.WaitForExit();
        }
        catch (Exception e) when (e is ErrnoException or InvalidOperationException) { }
    }

    protected override void Decide(string what)
    {
        lock (sync)
        {
            if (state == Live) return;
            if (state == Undecided)
            {
                state = HandingOff;
                reason = what;
                wake.Signal();
            }
        }
        decided.Wait(); // set only if the hand-off failed and the run stays here
    }

    protected override void Finishing()
    {
        var keep = false;
        lock (sync)
            if (state == Undecided)
            {
                state = Live;
                keep = true;
            }
        if (!keep)
        {
            decided.Wait();
            return;
        }
        GoLive();
        decided.Set();
        if (trace) Console.Error.WriteLine("nido: speculation: the program ended here first");
        // A host still being spawned is waited for (a millisecond or two), so that it is killed too and does not
        // boot on holding the caller's stdout. Killed, not waited for: tearing down its address space would add ~2 ms
        // to the exit, and once this process has exited, init reaps it as any orphan.
        spawned.Wait(1000);
        try { host?.Kill(); }
        catch (ErrnoException) { }
    }
}
