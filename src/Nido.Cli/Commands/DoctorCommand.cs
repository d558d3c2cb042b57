using System.CommandLine;
using Nido.Cli.Doctor;

namespace Nido.Cli.Commands;

/// <summary>`nido doctor`: one line per host capability Nido depends on; exit 1 only when something essential fails.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var root = new Option<string>("--host-root") { Description = "Inspect a host tree mounted elsewhere (for tests and rescue)", DefaultValueFactory = _ => "/", Hidden = true };
        var command = new Command("doctor", "Check what this host offers Nido: kernel, privileges, KVM, cgroups, namespaces, overlayfs, TUN, seccomp");
        command.Options.Add(root);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var results = HostDoctor.RunAll(new HostView(parse.GetValue(root)!));
            var color = (ReferenceEquals(output, Console.Out) || output is Runc.DeferredWriter { IsStandardOutput: true }) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
            foreach (var r in results) output.WriteLine(HostDoctor.Format(r, color));
            var failed = results.Count(r => r.Status == CheckStatus.Fail);
            var warned = results.Count(r => r.Status == CheckStatus.Warn);
            output.WriteLine(failed > 0 ? $"{failed} essential check(s) failed" : warned > 0 ? $"ready, with {warned} warning(s)" : "ready");
            return failed > 0 ? NidoApp.ExitFailure : 0;
        });
        return command;
    }
}
