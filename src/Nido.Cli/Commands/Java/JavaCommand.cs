using System.CommandLine;
using Nido.Jvm.Runtime;

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

    public static int Run(IReadOnlyList<string> args, TextWriter stderr)
    {
        var classPath = new List<string> { "." };
        var properties = new List<KeyValuePair<string, string>>();
        var i = 0;
        for (; i < args.Count && args[i].StartsWith('-'); i++)
        {
            var a = args[i];
            if (a is "-cp" or "-classpath" or "--class-path" && i + 1 < args.Count) classPath = [.. args[++i].Split(':')];
            else if (a.StartsWith("-D", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=');
                properties.Add(eq < 0 ? new(a[2..], "") : new(a[2..eq], a[(eq + 1)..]));
            }
        }
        if (i >= args.Count)
        {
            stderr.WriteLine("Usage: nido java [options] <mainclass> [args...]");
            return 1;
        }
        var home = JavaHome.Find();
        var options = new JavaVmOptions { JavaHome = home, ClassPath = classPath, SystemProperties = properties, ClassPathProperty = string.Join(':', classPath) };
        var boot = Environment.GetEnvironmentVariable("NIDO_JAVA_CLASSES") is { Length: > 0 } exploded
            ? (IClassSource)new ExplodedModulesSource(exploded)
            : Nido.Jvm.JImage.JImageClassSource.Open(home);
        using var vm = new JavaVm(options, boot, new DirectoryClassPath(classPath));
        var main = args[i];
        var programArgs = args.Skip(i + 1).ToArray();
        var status = 1;
        var thread = new Thread(() =>
        {
            JThread t;
            try
            {
                t = vm.Boot();
            }
            catch (JavaThrow e)
            {
                stderr.WriteLine("Error occurred during initialization of VM");
                stderr.Write(vm.Describe(e.Throwable));
                return;
            }
            status = vm.RunMain(t, main, programArgs);
        }, 512 << 20);
        thread.Start();
        thread.Join();
        return status;
    }
}
