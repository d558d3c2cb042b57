using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.lang.ProcessHandleImpl: this process's pid, waiting for and signalling children (through their pidfds when
/// this VM started them), liveness and parents from /proc, and ProcessHandle.Info (command, arguments, start time,
/// CPU time, user). Start times are milliseconds since the epoch, as HotSpot computes them from /proc.
/// </summary>
internal static class JavaLangProcessHandleImpl
{
    private const string C = "java/lang/ProcessHandleImpl";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initNative", "()V", static (t, a) => default);
        r.Add(C, "getCurrentPid0", "()J", static (t, a) => Slot.OfLong(Environment.ProcessId));
        // waitForProcessExit0(pid, reap): the exit code, or 0x80 + the signal that ended it.
        r.Add(C, "waitForProcessExit0", "(JZ)I", static (t, a) =>
        {
            var pid = a[0].J;
            if (JavaLangProcessImpl.Children.TryGetValue(pid, out var child))
            {
                var status = child.WaitForExit();
                if (a[2].I != 0 && JavaLangProcessImpl.Children.TryRemove(pid, out _)) child.Dispose();
                return Slot.OfInt(status.Signal == 0 ? status.Code : 0x80 + status.Signal);
            }
            while (StartTime(pid) >= 0) Thread.Sleep(10); // not ours: wait until it is gone
            return Slot.OfInt(0);
        });
        r.Add(C, "isAlive0", "(J)J", static (t, a) => Slot.OfLong(StartTime(a[0].J)));
        r.Add(C, "parent0", "(JJ)J", static (t, a) =>
        {
            var pid = a[0].J;
            if (Stat(pid) is not { } stat) return Slot.OfLong(-1);
            var start = a[2].J;
            if (start != 0 && StartTime(pid) != start) return Slot.OfLong(-1);
            return Slot.OfLong(long.Parse(stat[1]));
        });
        r.Add(C, "destroy0", "(JJZ)Z", static (t, a) =>
        {
            var pid = a[0].J;
            var start = a[2].J;
            var signal = a[4].I != 0 ? Signals.SIGKILL : Signals.SIGTERM;
            if (JavaLangProcessImpl.Children.TryGetValue(pid, out var child))
            {
                try { child.Signal(signal); return Slot.OfBool(true); }
                catch (ErrnoException) { return Slot.OfBool(false); }
            }
            if (start != 0 && StartTime(pid) != start) return Slot.OfBool(false);
            try { Signals.SendToProcess((int)pid, signal); return Slot.OfBool(true); }
            catch (ErrnoException) { return Slot.OfBool(false); }
        });
        // getProcessPids0(pid, pids, ppids, starttimes): the children of pid (all processes for 0); the count, which
        // may exceed the arrays (Java then retries with larger ones).
        r.Add(C, "getProcessPids0", "(J[J[J[J)I", static (t, a) =>
        {
            var parent = a[0].J;
            var pids = (JArray<long>)a[2].R!;
            var ppids = a[3].R as JArray<long>;
            var starts = a[4].R as JArray<long>;
            var count = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!long.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } stat) continue;
                var ppid = long.Parse(stat[1]);
                if (parent != 0 && ppid != parent) continue;
                if (count < pids.Data.Length)
                {
                    pids.Data[count] = pid;
                    if (ppids is not null) ppids.Data[count] = ppid;
                    if (starts is not null) starts.Data[count] = StartTime(pid);
                }
                count++;
            }
            return Slot.OfInt(count);
        });
        r.Add(C + "$Info", "initIDs", "()V", static (t, a) => default);
        r.Add(C + "$Info", "info0", "(J)V", static (t, a) =>
        {
            var vm = t.Vm;
            var info = a[0].R!;
            var pid = a[1].J;
            if (Stat(pid) is not { } stat) return default;
            vm.SetField(info, info.Class, "startTime", Slot.OfLong(StartTime(pid)));
            var ticks = long.Parse(stat[12]) + long.Parse(stat[13]); // utime + stime
            vm.SetField(info, info.Class, "totalTime", Slot.OfLong(ticks * (1_000_000_000 / ClockTicks)));
            try
            {
                var exe = new FileInfo($"/proc/{pid}/exe").LinkTarget;
                if (exe is not null) vm.SetField(info, info.Class, "command", Slot.OfRef(vm.NewString(exe)));
                var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.None);
                var args = cmdline.Length > 1 ? cmdline[1..^(cmdline[^1].Length == 0 ? 1 : 0)] : [];
                var array = (JArray<JObject?>)vm.NewArray(vm.StringClass, args.Length);
                for (var i = 0; i < args.Length; i++) array.Data[i] = vm.NewString(args[i]);
                vm.SetField(info, info.Class, "arguments", Slot.OfRef(array));
                vm.SetField(info, info.Class, "commandLine", Slot.OfRef(vm.NewString(string.Join(' ', cmdline.Where(s => s.Length > 0)))));
                var uid = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
                if (PosixFiles.UserName(int.Parse(uid)) is { } user)
                    vm.SetField(info, info.Class, "user", Slot.OfRef(vm.NewString(System.Text.Encoding.UTF8.GetString(user))));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { }
            return default;
        });
    }

    private const long ClockTicks = 100; // sysconf(_SC_CLK_TCK) on Linux

    /// <summary>Fields 3… of /proc/PID/stat (after the command in parentheses): [0] state, [1] ppid, …, [19] starttime.</summary>
    private static string[]? Stat(long pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            return text[(close + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>When the process started (ms since the epoch), or -1 when it does not exist (or is a zombie).</summary>
    private static long StartTime(long pid)
    {
        if (Stat(pid) is not { } stat || stat[0] == "Z") return -1;
        var bootTime = BootTime.Value;
        return bootTime + long.Parse(stat[19]) * 1000 / ClockTicks;
    }

    private static readonly Lazy<long> BootTime = new(() =>
    {
        foreach (var line in File.ReadLines("/proc/stat"))
            if (line.StartsWith("btime ", StringComparison.Ordinal)) return long.Parse(line[6..]) * 1000;
        return 0;
    });
}
