using System.CommandLine;
using Nido.Containers;
using Nido.Linux;

namespace Nido.Runc.Verbs;

/// <summary>`ps`: the container's processes, as pids (json) or as ps(1)'s table filtered to them (runc's behaviour).</summary>
public static class PsVerb
{
    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var psArgs = new Argument<string[]>("ps-options") { Description = "Options for ps(1) (default: -ef)", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f") { Description = "table or json", DefaultValueFactory = _ => "table" };
        var command = new Command("ps", "List the processes running in a container");
        command.Arguments.Add(id);
        command.Arguments.Add(psArgs);
        command.Options.Add(format);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            var container = Container.Load(store, parse.GetValue(id)!);
            var pids = container.Processes();
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json":
                    if (parse.GetValue(psArgs) is { Length: > 0 }) throw new ContainerException("ps options cannot be used with --format json");
                    output.WriteLine("[" + string.Join(",", pids) + "]");
                    return 0;
                case "table":
                    var options = parse.GetValue(psArgs) is { Length: > 0 } a ? a : ["-ef"];
                    output.Write(Table(options, [.. pids]));
                    return 0;
                default:
                    throw new ContainerException($"invalid format option \"{parse.GetValue(format)}\" (table or json)");
            }
        }));
        return command;
    }

    private static string Table(string[] options, HashSet<int> pids)
    {
        var ps = Exec.Which("ps", Environment.GetEnvironmentVariable("PATH")) ?? throw new ContainerException("ps(1) is not installed (Debian: procps)");
        var info = new System.Diagnostics.ProcessStartInfo(ps, (IEnumerable<string>)options) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new ContainerException($"ps {string.Join(' ', options)} failed: {stderr.Result.Trim()}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return "";
        var column = Array.IndexOf(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), "PID");
        if (column < 0) throw new ContainerException("ps output has no PID column (pass options that include it)");
        var kept = new List<string> { lines[0] };
        for (var i = 1; i < lines.Length; i++)
            if (lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries) is var f && f.Length > column && int.TryParse(f[column], out var pid) && pids.Contains(pid))
                kept.Add(lines[i]);
        return string.Join('\n', kept) + "\n";
    }
}
