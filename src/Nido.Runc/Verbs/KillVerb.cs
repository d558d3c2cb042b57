using System.CommandLine;
using Nido.Containers;
using Nido.Linux;

namespace Nido.Runc.Verbs;

public static class KillVerb
{
    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var signal = new Argument<string>("signal") { Description = "Signal name or number (default SIGTERM)", DefaultValueFactory = _ => "SIGTERM" };
        var all = new Option<bool>("--all", "-a") { Description = "Signal every process in the container" };
        var command = new Command("kill", "Send a signal to the container's init (or all its processes)");
        command.Arguments.Add(id);
        command.Arguments.Add(signal);
        command.Options.Add(all);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            int sig;
            try { sig = Signals.Parse(parse.GetValue(signal)!); }
            catch (ArgumentException e) { throw new ContainerException(e.Message); }
            Container.Load(store, parse.GetValue(id)!).Kill(sig, parse.GetValue(all));
            return 0;
        }));
        return command;
    }
}
