using System.Text;

namespace Nido.Jvm.Tests.Programs;

/// <summary>
/// The Java test programs copied beside the test binaries (Programs/&lt;name&gt;/, one directory each), what each
/// needs to run (run.txt, corrupt.txt, expected.txt) and which ones the differential theory runs (enabled.txt).
/// </summary>
/// <remarks>
/// run.txt, all lines optional: line 1 the java options (e.g. <c>-Xmx16m -Dk=v</c>), line 2 the program's
/// arguments, line 3 extra environment variables as NAME=VALUE. Each line splits at whitespace; double quotes
/// group (<c>"two words"</c>, <c>""</c> is an empty argument) and a backslash escapes the next character.
/// corrupt.txt: one rewrite of a compiled class file per line, applied in order after javac:
/// <c>File.class magic</c> | <c>truncate N</c> | <c>major N</c> | <c>poke OFFSET BYTE</c> | <c>copy Other.class</c> |
/// <c>delete</c> (a class its callers were compiled against, missing at run time).
/// *.c: a JNI library for the program, built with gcc into lib&lt;name&gt;.so (name of the .c file) in the class
/// directory, which both JVMs get as java.library.path.
/// changed/: sources compiled after the rest, against its classes and into the same directory (a library that
/// changed after its callers were compiled: members made private, classes made package-private, …).
/// expected.txt: the stdout the program is known to print (the Benchmarks Game's check outputs); java's must equal it.
/// enabled.txt: one program per line; <c># name</c> (a lone name after #) lists a program that is not enabled yet,
/// any other # line is prose. NIDO_JVM_PROGRAMS=all (or a comma/space separated list of names) overrides it.
/// </remarks>
internal static class ProgramCatalog
{
    public const string NotEnabledReason = "not yet supported by nido java (Programs/enabled.txt)";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Programs");

    /// <summary>Every program directory, sorted by name.</summary>
    public static IReadOnlyList<string> Names()
    {
        if (!Directory.Exists(Root)) return [];
        return Directory.GetDirectories(Root)
            .Where(d => Directory.EnumerateFiles(d, "*.java", SearchOption.AllDirectories).Any())
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static ProgramSpec Load(string name)
    {
        var dir = Path.Combine(Root, name);
        var all = Directory.GetFiles(dir, "*.java", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var changedDir = Path.Combine(dir, "changed") + Path.DirectorySeparatorChar;
        var sources = all.Where(s => !s.StartsWith(changedDir, StringComparison.Ordinal)).ToList();
        var changed = all.Where(s => s.StartsWith(changedDir, StringComparison.Ordinal)).ToList();
        var runLines = ReadLines(Path.Combine(dir, "run.txt"));
        string Line(int i) => i < runLines.Count ? runLines[i] : "";
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Tokenize(Line(2)))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new FormatException($"{name}/run.txt line 3: '{pair}' is not NAME=VALUE");
            env[pair[..eq]] = pair[(eq + 1)..];
        }
        var expectedPath = Path.Combine(dir, "expected.txt");
        var corruptions = ReadLines(Path.Combine(dir, "corrupt.txt"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => Corruption.Parse(name, l))
            .ToList();
        var native = Directory.GetFiles(dir, "*.c").Order(StringComparer.Ordinal).ToList();
        return new ProgramSpec(name, dir, sources, Tokenize(Line(0)), Tokenize(Line(1)), env,
            File.Exists(expectedPath) ? File.ReadAllBytes(expectedPath) : null, corruptions, native) { ChangedSources = changed };
    }

    /// <summary>The enabled programs, or null when NIDO_JVM_PROGRAMS=all enables every one.</summary>
    public static (ISet<string>? Enabled, string Source) Enabled()
    {
        var env = Environment.GetEnvironmentVariable("NIDO_JVM_PROGRAMS");
        if (!string.IsNullOrWhiteSpace(env))
        {
            if (env.Trim() == "all") return (null, "NIDO_JVM_PROGRAMS");
            return (env.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), "NIDO_JVM_PROGRAMS");
        }
        return (ReadEnabledFile().Where(e => e.Enabled).Select(e => e.Name).ToHashSet(StringComparer.Ordinal), "Programs/enabled.txt");
    }

    /// <summary>Every program enabled.txt names, enabled or listed as a "# name" line.</summary>
    public static IReadOnlyList<(string Name, bool Enabled)> ReadEnabledFile()
    {
        var list = new List<(string, bool)>();
        foreach (var raw in ReadLines(Path.Combine(Root, "enabled.txt")))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var rest = line.TrimStart('#').Trim();
                if (rest.Length > 0 && rest.All(IsNameChar)) list.Add((rest, false));
                continue;
            }
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash].Trim();
            list.Add((line, true));
        }
        return list;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static List<string> ReadLines(string path) =>
        File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n").Split('\n').ToList() : [];

    /// <summary>Splits at whitespace; "double quotes" group (and may be empty), a backslash escapes the next character.</summary>
    public static IReadOnlyList<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        bool inToken = false, quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(line[++i]);
                inToken = true;
            }
            else if (c == '"')
            {
                quoted = !quoted;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (inToken) tokens.Add(current.ToString());
                current.Clear();
                inToken = false;
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }
        if (quoted) throw new FormatException($"unterminated quote in '{line}'");
        if (inToken) tokens.Add(current.ToString());
        return tokens;
    }
}

internal sealed record ProgramSpec(
    string Name,
    string Directory,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> JavaOptions,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    byte[]? ExpectedStdout,
    IReadOnlyList<Corruption> Corruptions,
    IReadOnlyList<string> NativeSources)
{
    /// <summary>changed/'s sources, compiled second over the first compile's classes.</summary>
    public IReadOnlyList<string> ChangedSources { get; init; } = [];
}

/// <summary>One rewrite of a compiled class file (corrupt.txt), for the malformed-class-file program.</summary>
internal sealed record Corruption(string File, string Kind, int[] Numbers, string? Other)
{
    public static Corruption Parse(string program, string line)
    {
        var t = ProgramCatalog.Tokenize(line);
        FormatException Bad() => new($"{program}/corrupt.txt: cannot read '{line}'");
        if (t.Count < 2) throw Bad();
        int N(int i) => i < t.Count && int.TryParse(t[i], out var v) ? v : throw Bad();
        return t[1] switch
        {
            "magic" when t.Count == 2 => new(t[0], "magic", [], null),
            "truncate" when t.Count == 3 => new(t[0], "truncate", [N(2)], null),
            "major" when t.Count == 3 => new(t[0], "major", [N(2)], null),
            "poke" when t.Count == 4 => new(t[0], "poke", [N(2), N(3)], null),
            "copy" when t.Count == 3 => new(t[0], "copy", [], t[2]),
            "delete" when t.Count == 2 => new(t[0], "delete", [], null),
            _ => throw Bad(),
        };
    }

    public void Apply(string classes)
    {
        var path = Path.Combine(classes, File);
        if (Kind == "delete")
        {
            System.IO.File.Delete(path);
            return;
        }
        byte[] bytes = Kind == "copy" ? System.IO.File.ReadAllBytes(Path.Combine(classes, Other!)) : System.IO.File.ReadAllBytes(path);
        switch (Kind)
        {
            case "magic":
                bytes[0] = 0xCA; bytes[1] = 0xFE; bytes[2] = 0xBA; bytes[3] = 0xBF;
                break;
            case "truncate":
                bytes = bytes.AsSpan(0, Math.Min(Numbers[0], bytes.Length)).ToArray();
                break;
            case "major":
                bytes[6] = (byte)(Numbers[0] >> 8);
                bytes[7] = (byte)Numbers[0];
                break;
            case "poke":
                bytes[Numbers[0]] = (byte)Numbers[1];
                break;
        }
        System.IO.File.WriteAllBytes(path, bytes);
    }
}
