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

    private static readonly (string Name, Func<Command> Make)[] Verbs =
    [
        ("create", CreateVerb.Create), ("start", StartVerb.Create), ("run", RunVerb.Create), ("state", StateVerb.Create),
        ("kill", KillVerb.Create), ("delete", DeleteVerb.Create), ("list", ListVerb.Create), ("spec", SpecVerb.Create),
        ("pause", () => PauseVerb.Create(resume: false)), ("resume", () => PauseVerb.Create(resume: true)),
        ("update", UpdateVerb.Create), ("exec", ExecVerb.Create), ("ps", PsVerb.Create), ("features", FeaturesVerb.Create),
    ];

    /// <summary>
    /// The `oci` command. Given the words after it, a call that names a verb gets only that verb: building all fourteen
    /// (their options, descriptions, actions) was a quarter of what a runtime call allocates, fresh pages faulted in
    /// before anything runs. Without a verb (help, a mistyped one) all are built, so help and errors list them.
    /// </summary>
    public static Command Create(IReadOnlyList<string>? words = null)
    {
        LogFormat.AcceptOnlyFromAmong("text", "json");
        var oci = new Command("oci", "OCI runtime (runc-compatible): create, start, run, state, kill, delete, list, spec, pause, resume, update");
        foreach (var o in new Option[] { Root, Log, LogFormat, Debug, SystemdCgroup }) oci.Options.Add(o);
        var named = words is null ? null : NamedVerb(words);
        foreach (var (name, make) in Verbs)
            if (named is null || name == named) oci.Subcommands.Add(make());
        return oci;
    }

    /// <summary>The verb the words name: the first that is neither a global option nor its value, if it is a verb.</summary>
    internal static string? NamedVerb(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "--") return null;
            if (word.StartsWith('-'))
            {
                if (Array.IndexOf(GlobalValueOptions, word) >= 0) i++; // its value ("--root=DIR" is one word)
                continue;
            }
            foreach (var (name, _) in Verbs)
                if (name == word) return name;
            return null;
        }
        return null;
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
