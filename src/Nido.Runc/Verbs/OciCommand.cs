using System.CommandLine;
using Nido.Oci;
using Nido.Containers;
using Nido.Linux;

namespace Nido.Runc.Verbs;

/// <summary>`nido oci …` (and `nido-runc …`): runc's command-line surface over Nido's runtime.</summary>
public static class OciCommand
{
    public static readonly Option<string> Root = new("--root") { Description = "Root directory for container state", DefaultValueFactory = _ => StateStore.DefaultRoot, Recursive = true };
    public static readonly Option<string?> Log = new("--log") { Description = "Append errors to this file (for callers such as containerd)", Recursive = true };
    public static readonly Option<string> LogFormat = new("--log-format") { Description = "text or json", DefaultValueFactory = _ => "text", Recursive = true };
    public static readonly Option<bool> Debug = new("--debug") { Description = "Verbose logging", Recursive = true };
    public static readonly Option<bool> SystemdCgroup = new("--systemd-cgroup") { Description = "Manage cgroups through systemd", Recursive = true };

    /// <summary>The global options that take a value (for <see cref="TrailingCommand"/>, which must skip their values).</summary>
    public static readonly string[] GlobalValueOptions = [Root.Name, Log.Name, LogFormat.Name];

    public static Command Create()
    {
        LogFormat.AcceptOnlyFromAmong("text", "json");
        var oci = new Command("oci", "OCI runtime (runc-compatible): create, start, run, state, kill, delete, list, spec, pause, resume, update");
        foreach (var o in new Option[] { Root, Log, LogFormat, Debug, SystemdCgroup }) oci.Options.Add(o);
        foreach (var verb in new[] { CreateVerb.Create(), StartVerb.Create(), RunVerb.Create(), StateVerb.Create(), KillVerb.Create(), DeleteVerb.Create(), ListVerb.Create(), SpecVerb.Create(), PauseVerb.Create(resume: false), PauseVerb.Create(resume: true), UpdateVerb.Create(), ExecVerb.Create(), PsVerb.Create(), FeaturesVerb.Create() })
            oci.Subcommands.Add(verb);
        return oci;
    }

    /// <summary>Runs a verb with runc's error contract: errors also go to --log (as JSON lines with --log-format json).</summary>
    public static int Run(ParseResult parse, Func<StateStore, int> body)
    {
        try
        {
            if (parse.GetValue(SystemdCgroup) && TextFile.Read("/proc/1/comm").Trim() != "systemd")
                throw new ContainerException("--systemd-cgroup: systemd is not running as PID 1 on this host; use cgroupfs (drop the flag)");
            return body(new StateStore(parse.GetValue(Root)!));
        }
        catch (Exception e) when (parse.GetValue(Log) is { } log)
        {
            var line = parse.GetValue(LogFormat) == "json"
                ? $"{{\"level\":\"error\",\"msg\":{JsonOut.Quote(e.Message)},\"time\":\"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffffffZ}\"}}"
                : $"time=\"{DateTimeOffset.UtcNow:O}\" level=error msg=\"{e.Message.Replace("\"", "\\\"")}\"";
            try { File.AppendAllText(log, line + "\n"); } catch (IOException) { }
            throw;
        }
    }

    public static Argument<string> IdArgument() => new("container-id") { Description = "The container's id" };
}
