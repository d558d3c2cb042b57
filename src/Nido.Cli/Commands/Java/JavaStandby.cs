using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Cli.Commands.Java;

/// <summary>
/// The JIT host's side of <see cref="JavaSpeculation"/>: it boots the class library with its output held and, at the
/// first point where it would run the program (main, an effect, or its end), tells the native process it is ready
/// and waits for the verdict on the control socket: "g" runs the program here; the socket's end (the native run was
/// kept, or died) ends this process without a word.
/// </summary>
internal sealed class JavaStandby(SafeFdHandle control) : StartupGate
{
    /// <summary>The hidden verb the native process starts the host with: `nido java-standby FD java-args…`.</summary>
    public const string Verb = "java-standby";

    public const int ControlFd = 3;

    private readonly object sync = new();

    public static void Install(string fd)
    {
        if (!int.TryParse(fd, out var n) || n < 3) throw new ArgumentException($"java-standby: bad control descriptor '{fd}'");
        var control = new SafeFdHandle(n);
        FileIo.SetCloseOnExec(control, true); // never inherited by the program's children
        Install(new JavaStandby(control));
    }

    public override void Booted() => Need("main");

    protected override void Decide(string what)
    {
        lock (sync)
        {
            if (IsLive) return;
            Span<byte> verdict = stackalloc byte[1];
            var got = 0;
            // The verdict may already be waiting (the native run met an effect before this boot ended) and the native
            // process gone to its waiter, closing its end: the "ready" write fails then, the read still gets the "g".
            try { FileIo.Write(control, "r"u8); }
            catch (ErrnoException) { }
            try { got = FileIo.Read(control, verdict); }
            catch (ErrnoException) { }
            if (got != 1 || verdict[0] != (byte)'g') Environment.Exit(0); // not ours: the native process kept the run
            control.Dispose();
            GoLive();
        }
    }

    protected override void Finishing() => Decide("exit");
}
