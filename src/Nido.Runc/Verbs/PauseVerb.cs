using System.CommandLine;
using Nido.Containers;

namespace Nido.Runc.Verbs;

/// <summary>`pause` and `resume`: freeze and thaw every process of the container.</summary>
public static class PauseVerb
{
    public static Command Create(bool resume)
    {
        var id = OciCommand.IdArgument();
        var command = new Command(resume ? "resume" : "pause", resume ? "Resume a paused container" : "Freeze every process of a container");
        command.Arguments.Add(id);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            var container = Container.Load(store, parse.GetValue(id)!);
            if (resume) container.Resume(); else container.Pause();
            return 0;
        }));
        return command;
    }
}
