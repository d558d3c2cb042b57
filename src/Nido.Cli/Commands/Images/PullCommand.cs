using System.CommandLine;
using Nido.Images;
using Spectre.Console;

namespace Nido.Cli.Commands.Images;

/// <summary>`nido pull REF`: fetches an image from its registry, with a progress bar per blob on a terminal.</summary>
public static class PullCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("image") { Description = "Image reference (name[:tag] or name@digest)" };
        var platform = new Option<string?>("--platform") { Description = "os/arch[/variant] to choose from a multi-platform image (default: this host's)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the image name" };
        var command = new Command("pull", "Pull an image from a registry") { reference, platform, quiet, EngineCommand.TlsVerify };
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var r = ImageReference.Parse(parse.GetValue(reference)!);
            var p = parse.GetValue(platform) is { } text ? Puller.ParsePlatform(text) : null;
            var puller = new Puller(engine.Images, EngineCommand.Registry(parse));
            var image = parse.GetValue(quiet) ? puller.Pull(r, p) : WithProgress(progress => puller.Pull(r, p, progress));
            if (!parse.GetValue(quiet)) parse.InvocationConfiguration.Output.WriteLine($"Digest: {image.ManifestDescriptor.Digest}\nStatus: Downloaded image for {r}");
            parse.InvocationConfiguration.Output.WriteLine(r.ToString());
            return 0;
        }));
        return command;
    }

    /// <summary>Runs a pull showing progress: Spectre.Console bars on a terminal, Docker-style status lines otherwise.</summary>
    public static T WithProgress<T>(Func<Action<PullProgress>, T> pull)
    {
        if (!Linux.Terminal.IsTerminal(2))
        {
            var last = new Dictionary<string, string>();
            return pull(p =>
            {
                if (last.TryGetValue(p.Id, out var s) && s == p.Status) return;
                last[p.Id] = p.Status;
                if (p.Status != "Downloading") Console.Error.WriteLine($"{p.Id}: {p.Status}");
            });
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                result = pull(p =>
                {
                    if (p.Total <= 0 && p.Status != "Downloading") return;
                    if (!tasks.TryGetValue(p.Id, out var task)) tasks[p.Id] = task = ctx.AddTask(p.Id, maxValue: Math.Max(1, p.Total));
                    task.Description = $"{p.Id} {p.Status}";
                    task.Value = p.Current;
                    if (p.Status is "Pull complete" or "Already exists") task.StopTask();
                });
            });
        return result;
    }
}
