using System.CommandLine;
using Nido.Containers;

namespace Nido.Runc.Verbs;

/// <summary>`run`: create + start; in the foreground it forwards signals, waits, deletes, and exits with the program's status.</summary>
public static class RunVerb
{
    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var detach = new Option<bool>("--detach", "-d") { Description = "Leave the container running and return" };
        var command = new Command("run", "Create and start a container");
        command.Arguments.Add(id);
        command.Options.Add(detach);
        CreateVerb.AddOptions(command);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            Container.RemoveStale(store);
            var options = CreateVerb.Options(parse, parse.GetValue(id)!);
            var config = Container.ReadBundleSpec(options.Bundle);
            var terminal = config.Spec.Process?.Terminal == true;
            using var console = Foreground.ProxyFor(terminal, options.ConsoleSocket, parse.GetValue(detach));
            var (container, init) = Container.Create(store, options with { ConsoleSocket = console?.Path ?? options.ConsoleSocket, Config = config, StartAtOnce = true });
            using (init)
            {
                // Signals are forwarded from here on (the program may need them as soon as it runs); set up while the
                // init takes its last steps, not after.
                IDisposable? forwarding = null;
                try
                {
                    if (console is null && !parse.GetValue(detach)) forwarding = Linux.SignalForwarding.To(init);
                    container.Started(init);
                }
                catch
                {
                    forwarding?.Dispose();
                    container.Delete(force: true);
                    throw;
                }
                using var _ = forwarding;
                if (parse.GetValue(detach)) return 0;
                var code = console is null ? init.WaitForExit().ShellCode : Foreground.WaitWithTerminal(init, console);
                container.Delete(force: true);
                return code;
            }
        }));
        return command;
    }
}
