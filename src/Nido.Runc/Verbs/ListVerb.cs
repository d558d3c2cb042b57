using System.CommandLine;
using Nido.Oci.Runtime;
using Nido.Containers;

namespace Nido.Runc.Verbs;

public static class ListVerb
{
    public static Command Create()
    {
        var format = new Option<string>("--format", "-f") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the ids" };
        var command = new Command("list", "List containers in the runtime root");
        command.Options.Add(format);
        command.Options.Add(quiet);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            Container.RemoveStale(store);
            var output = parse.InvocationConfiguration.Output;
            var states = new List<Nido.Oci.Runtime.State>();
            foreach (var id in store.List()) states.Add(Container.Load(store, id).ToOciState());
            if (parse.GetValue(quiet))
            {
                foreach (var s in states) output.WriteLine(s.Id);
            }
            else if (parse.GetValue(format) == "json")
            {
                output.WriteLine(StateWriter.Write(states));
            }
            else
            {
                output.WriteLine($"{"ID",-20} {"PID",-8} {"STATUS",-10} {"BUNDLE",-40} {"CREATED",-31} OWNER");
                foreach (var s in states)
                    output.WriteLine($"{s.Id,-20} {s.Pid,-8} {s.Status,-10} {s.Bundle,-40} {s.Created:O} {s.Owner}");
            }
            return 0;
        }));
        return command;
    }
}
