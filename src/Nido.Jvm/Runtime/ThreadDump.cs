using System.Globalization;
using System.Text;
using Nido.Jvm.Natives;

namespace Nido.Jvm.Runtime;

/// <summary>
/// SIGQUIT's thread dump (kill -3), in HotSpot's shape so that people and tools reading java's find their way: a
/// time stamp, "Full thread dump", then each Java thread's header line, its java.lang.Thread.State and its frames.
/// HotSpot's addresses, CPU times and lock lines have no counterpart here and are left out.
/// </summary>
internal static class ThreadDump
{
    public static void Print(JavaVm vm)
    {
        var text = new StringBuilder();
        text.Append(DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append('\n');
        text.Append($"Full thread dump Nido JVM ({vm.JavaVersion} {vm.InfoMode}):\n\n");
        foreach (var t in Nido.Jvm.Threads.All())
        {
            if (t.JavaThread is not { } thread) continue;
            var name = vm.StringOf(vm.GetField(thread, "name").R) ?? "";
            var id = vm.GetField(thread, "tid").J;
            var priority = vm.GetField(thread, "priority").I;
            var status = (int)vm.GetField(thread, "threadStatus").I;
            var (state, doing) = Describe(status);
            text.Append($"\"{name}\" #{id} {(Nido.Jvm.Threads.IsDaemon(t) ? "daemon " : "")}prio={priority} os_prio=0 {doing}\n");
            text.Append("   java.lang.Thread.State: ").Append(state).Append('\n');
            var frames = t == JThread.Current ? JavaLangThrowable.Capture(t, null) : JavaLangThrowable.CaptureOther(t);
            for (var i = 0; i < frames.Methods.Length; i++) AppendFrame(vm, text, frames.Methods[i], frames.Pcs[i]);
            text.Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        try { vm.StandardOutput.Write(bytes); }
        catch (Nido.Linux.ErrnoException) { } // stdout closed: nobody to tell
    }

    /// <summary>Thread.State from the JVMTI bits in threadStatus (as jdk.internal.misc.VM.toThreadState), and the header's word.</summary>
    private static (string State, string Doing) Describe(int status) => status switch
    {
        _ when (status & 0x400) != 0 => ("BLOCKED (on object monitor)", "waiting for monitor entry"),
        _ when (status & 0x100) != 0 => ((status & 0x20) != 0 ? "TIMED_WAITING (on object monitor)" : "WAITING (on object monitor)", "in Object.wait()"),
        _ when (status & 0x40) != 0 => ("TIMED_WAITING (sleeping)", "waiting on condition"),
        _ when (status & 0x200) != 0 => ((status & 0x20) != 0 ? "TIMED_WAITING (parking)" : "WAITING (parking)", "waiting on condition"),
        _ when (status & 0x2) != 0 => ("TERMINATED", "terminated"),
        _ when (status & 0x1) == 0 => ("NEW", "new"),
        _ => ("RUNNABLE", "runnable"),
    };

    /// <summary>"\tat java.lang.Thread.sleep(java.base@17.0.13/Native Method)", as HotSpot's frames.</summary>
    private static void AppendFrame(JavaVm vm, StringBuilder text, JMethod m, int pc)
    {
        text.Append("\tat ").Append(m.Owner.JavaName).Append('.').Append(m.Name).Append('(');
        if (vm.ModuleOf(m.Owner) is { } module) text.Append(module).Append('@').Append(vm.JavaVersion).Append('/');
        var line = JavaLangThrowable.LineOf(m, pc);
        if (line == -2) text.Append("Native Method");
        else if (m.Owner.SourceFile is not { } file) text.Append("Unknown Source");
        else text.Append(file).Append(line >= 0 ? $":{line}" : "");
        text.Append(")\n");
    }
}
