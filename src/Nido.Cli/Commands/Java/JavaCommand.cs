using System.Collections;
using System.CommandLine;

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

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        // The JIT runs in the CoreCLR host; -Xint (anywhere: a program argument only costs the hand-off) stays here.
        // The host's own tiering is told to optimise the VM's hot C# sooner: Java programs are short-lived there
        // (measured: -10 to -20% on the bench programs).
        if (!args.Contains("-Xint"))
            JitHost.HandOff(stderr, "java", ("DOTNET_TieredPGO", "0"), ("DOTNET_TC_CallCountingDelayMs", "30"));
        var environment = new Dictionary<string, string?>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables()) environment[(string)e.Key] = (string?)e.Value;
        return Nido.Jvm.Launcher.JavaLauncher.Run(args, environment, stdout, stderr);
    }
}
