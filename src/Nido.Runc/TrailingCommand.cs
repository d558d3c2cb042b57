namespace Nido.Runc;

/// <summary>
/// Verbs such as `exec ID CMD ARGS…` take a program's command line after their own positionals. Like runc's CLI,
/// options stop at the first word of that command (`exec c1 ls -l` runs `ls -l`): this inserts the "--" that tells
/// System.CommandLine so.
/// </summary>
public sealed record TrailingCommand(string[] Path, IReadOnlySet<string> ValueOptions, int PositionalsBefore)
{
    public string[] Separate(string[] args)
    {
        var i = 0;
        var matched = 0;
        var positionals = 0;
        for (; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--") return args;
            if (a.StartsWith('-') && a.Length > 1)
            {
                if (!a.Contains('=') && ValueOptions.Contains(a)) i++; // skip the option's value
                continue;
            }
            if (matched < Path.Length)
            {
                if (a != Path[matched]) return args; // another verb
                matched++;
                continue;
            }
            if (++positionals > PositionalsBefore) break;
        }
        if (matched < Path.Length || i >= args.Length) return args;
        return [.. args[..i], "--", .. args[i..]];
    }
}
