using System.Text;
using System.Text.RegularExpressions;

namespace Nido.Jvm.Tests.Programs;

/// <summary>How the output of the JVM under test is held against java's.</summary>
/// <remarks>
/// stdout and the exit code must be identical. stderr must be identical after <see cref="NormaliseStderr"/>
/// drops the stack frames inside the JDK ("\tat java.…", "\tat jdk.…", at any indentation, i.e. also inside
/// "Suppressed:" blocks) and the "\t... N more" lines whose counts depend on them: the class library's
/// internals may be laid out differently, but the exception lines ("Exception in thread "main" …",
/// "Caused by: …") and every frame of the program's own code must match.
/// </remarks>
internal static partial class OutputComparison
{
    [GeneratedRegex(@"^\t+at (java|jdk)\.")]
    private static partial Regex JdkFrame();

    [GeneratedRegex(@"^\t+\.\.\. [0-9]+ more$")]
    private static partial Regex MoreFrames();

    public static string NormaliseStderr(string stderr)
    {
        var lines = stderr.Split('\n');
        var kept = lines.Where(l => !JdkFrame().IsMatch(l) && !MoreFrames().IsMatch(l));
        return string.Join('\n', kept);
    }

    /// <summary>Null when equal, else where the texts first differ, line by line, with both lines shown escaped.</summary>
    public static string? FirstDifference(string expected, string actual, string expectedName, string actualName)
    {
        if (expected == actual) return null;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        int i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i]) i++;
        string Line(string[] lines) => i < lines.Length ? Escape(lines[i]) : "(no such line: the output ends before it)";
        int width = Math.Max(expectedName.Length, actualName.Length);
        var sb = new StringBuilder();
        sb.Append($"first difference at line {i + 1}:\n");
        sb.Append($"  {expectedName.PadRight(width)}: {Line(e)}\n");
        sb.Append($"  {actualName.PadRight(width)}: {Line(a)}");
        if (i < e.Length && i < a.Length)
        {
            int col = 0;
            while (col < e[i].Length && col < a[i].Length && e[i][col] == a[i][col]) col++;
            sb.Append($"\n  (column {col + 1})");
        }
        return sb.ToString();
    }

    /// <summary>Control characters and non-ASCII made visible, so whitespace and encoding differences show.</summary>
    public static string Escape(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    if (c < 0x20 || c == 0x7f || c == '\ufffd') sb.Append($"\\u{(int)c:x4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A readable report of everything that differs between two runs, or null when they agree.</summary>
    public static string? Compare(RunResult expected, RunResult actual, string expectedName = "java", string actualName = "nido")
    {
        var problems = new List<string>();
        if (expected.ExitCode != actual.ExitCode)
            problems.Add($"exit code: {expectedName} {expected.ExitCode}, {actualName} {actual.ExitCode}");
        if (!expected.Stdout.AsSpan().SequenceEqual(actual.Stdout))
        {
            var diff = FirstDifference(expected.StdoutText, actual.StdoutText, expectedName, actualName)
                ?? $"the bytes differ but decode to the same text (invalid UTF-8?): {expected.Stdout.Length} vs {actual.Stdout.Length} bytes";
            problems.Add("stdout " + diff);
        }
        var expectedErr = NormaliseStderr(expected.StderrText);
        var actualErr = NormaliseStderr(actual.StderrText);
        var errDiff = FirstDifference(expectedErr, actualErr, expectedName, actualName);
        if (errDiff is not null) problems.Add("stderr (JDK-internal frames dropped) " + errDiff);
        if (problems.Count == 0) return null;

        var sb = new StringBuilder();
        foreach (var p in problems) sb.Append(p).Append('\n');
        sb.Append($"\n{expectedName}: {ProgramRunner.Describe(expected.Command)}\n{actualName}: {ProgramRunner.Describe(actual.Command)}\n");
        sb.Append($"\n--- {expectedName} stdout ---\n{ProgramRunner.Clip(expected.StdoutText)}");
        sb.Append($"\n--- {actualName} stdout ---\n{ProgramRunner.Clip(actual.StdoutText)}");
        sb.Append($"\n--- {expectedName} stderr ---\n{ProgramRunner.Clip(expected.StderrText)}");
        sb.Append($"\n--- {actualName} stderr ---\n{ProgramRunner.Clip(actual.StderrText)}");
        return sb.ToString();
    }
}
