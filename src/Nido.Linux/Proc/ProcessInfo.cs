namespace Nido.Linux;

/// <summary>What /proc/PID/stat says about a process: start time (to detect pid reuse) and state.</summary>
public static class ProcessInfo
{
    /// <summary>Field 3 (state) and field 22 (starttime), read without splitting the line (every verb asks).</summary>
    private static bool TryStat(int pid, out char state, out ulong startTime)
    {
        state = '\0';
        startTime = 0;
        if (TextFile.TryRead($"/proc/{pid}/stat") is not { } stat) return false;
        var close = stat.LastIndexOf(')'); // the command name may hold spaces and parentheses
        if (close < 0 || close + 2 >= stat.Length) return false;
        var rest = stat.AsSpan(close + 2);
        state = rest[0];
        for (var field = 3; field < 22; field++)
        {
            var space = rest.IndexOf(' ');
            if (space < 0) return false;
            rest = rest[(space + 1)..];
        }
        var end = rest.IndexOf(' ');
        return ulong.TryParse(end < 0 ? rest : rest[..end], out startTime);
    }

    public static ulong StartTime(int pid) => TryStat(pid, out _, out var start) ? start : 0;

    /// <summary>Running or sleeping (not a zombie or dead) and the same process that was recorded.</summary>
    public static bool IsAlive(int pid, ulong startTime) =>
        TryStat(pid, out var state, out var start) && state is not ('Z' or 'X' or 'x') && (startTime == 0 || start == startTime);
}
