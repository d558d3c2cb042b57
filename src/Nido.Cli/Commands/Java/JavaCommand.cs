using System.Collections;
using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using Nido.Jvm.Runtime;
using Nido.Jvm.X64;
using Nido.Linux;

namespace Nido.Cli.Commands.Java;

/// <summary>
/// `nido java …`: the java launcher. Its options are java's, not System.CommandLine's (-cp, -Dk=v, -Xmx64m), so the
/// arguments bypass the parser; the command object exists for `nido --help`.
/// </summary>
internal static class JavaCommand
{
    public static Command Create()
    {
        var command = new Command("java", "Run a Java 17 program on Nido's JVM, with java's options: nido java [options] MainClass [args…] | -jar app.jar [args…]");
        command.Arguments.Add(new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore });
        return command;
    }

    // The host's own tiering is told to optimise the VM's hot C# sooner: Java programs are short-lived there
    // (measured: -10 to -20% on the bench programs). Its diagnostics (the IPC socket and debugger pipes dotnet-trace
    // and debuggers of .NET code attach to, and their thread) are not started: nothing of a java run uses them, and
    // they cost ~4 ms of every start (Hello 86 -> 82 ms, spectral-norm 151 -> 144, alternating).
    private static readonly (string, string)[] HostDefaults =
        [("DOTNET_TieredPGO", "0"), ("DOTNET_TC_CallCountingDelayMs", "30"), ("DOTNET_EnableDiagnostics", "0")];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        // The JIT runs in the CoreCLR host; -Xint (anywhere: a program argument only costs the hand-off) stays here.
        // Otherwise the program starts here and in the host at once, and the first to need it keeps the run
        // (JavaSpeculation); without speculation the whole run goes to the host.
        if (!args.Contains("-Xint") && !RuntimeFeature.IsDynamicCodeSupported)
        {
            // What runs here (the speculative start, NIDO_JIT=native, or a run the host gave back) compiles int and
            // long arithmetic to x86-64 (X64Tier); NIDO_JIT=off interprets.
            if (!JitHost.Off && X64Tier.IsSupported)
            {
                try { JavaVm.DefaultCompiler ??= X64Tier.FromEnvironment(); }
                catch (ArgumentException e)
                {
                    stderr.WriteLine($"nido: {e.Message}");
                    return 2;
                }
            }
            if (JitHost.Wanted && !JavaSpeculation.TryStart(args, HostDefaults))
            {
                UnignoreQuit(args);
                JitHost.HandOff(stderr, "java", HostDefaults);
            }
        }
        return Launch(args, stdout, stderr);
    }

    /// <summary>
    /// Before exec'ing the host (or the waiter that passes QUIT on to it): a QUIT ignored since this process started
    /// (a shell script's background job) gets its default action back, which the VM's thread dump then replaces, as
    /// HotSpot installs its own whatever it inherited; the .NET runtime never hands over a signal ignored at its
    /// start. Not with -Xrs, where QUIT stays as inherited (the flag is looked for anywhere, as -Xint is).
    /// </summary>
    internal static void UnignoreQuit(IReadOnlyList<string> args)
    {
        if (!args.Contains("-Xrs") && !args.Contains("-XX:+ReduceSignalUsage")) Signals.Unignore(Signals.SIGQUIT);
    }

    /// <summary>The JIT host started by <see cref="JavaSpeculation"/>: boots, then waits to be told to run the program.</summary>
    public static int RunStandby(string controlFd, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            JavaStandby.Install(controlFd);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"nido: {e.Message}");
            return 2;
        }
        return Launch(args, stdout, stderr);
    }

    private static int Launch(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var environment = new Dictionary<string, string?>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables()) environment[(string)e.Key] = (string?)e.Value;
        var gate = StartupGate.Current;
        if (gate is not null)
        {
            // The launcher's own lines (notes, -showversion, errors) are held with the program's.
            stdout = new StreamWriter(new GatedStream(1, new DescriptorStream(1, ignoreBrokenPipe: true)), new UTF8Encoding(false)) { AutoFlush = true };
            stderr = new StreamWriter(new GatedStream(2, new DescriptorStream(2, ignoreBrokenPipe: true)), new UTF8Encoding(false)) { AutoFlush = true };
        }
        var status = Nido.Jvm.Launcher.JavaLauncher.Run(args, environment, stdout, stderr);
        gate?.Finish();
        return status;
    }
}
