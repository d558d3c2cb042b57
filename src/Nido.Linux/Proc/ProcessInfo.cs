namespace Nido.Linux;

/// <summary>What /proc/PID/stat says about a process: start time (to detect pid reuse) and state.</summary>
public static class ProcessInfo
{
    /// <summary>The fields after "(comm)": field 3 (state) is index 0, field 22 (starttime) is index 19.</summary>
    private static string[]? StatFields(int pid)
    {
        if (TextFile.TryRead($"/proc/{pid}/stat") is not { } stat) return null;
        var close = stat.LastIndexOf(')');
        return stat[(close + 2)..].Split(' ');
    }

    public static ulong StartTime(int pid) => StatFields(pid) is { } f ? ulong.Parse(f[19]) : 0;

    /// <summary>Running or sleeping (not a zombie or dead) and the same process that was recorded.</summary>
    public static bool IsAlive(int pid, ulong startTime) =>
        StatFields(pid) is { } f && f[0] is not ("Z" or "X" or "x") && (startTime == 0 || ulong.Parse(f[19]) == startTime);
}
