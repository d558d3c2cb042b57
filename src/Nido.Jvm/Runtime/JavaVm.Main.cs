namespace Nido.Jvm.Runtime;

public sealed partial class JavaVm
{
    /// <summary>
    /// The launcher's job after boot (what java's LauncherHelper and JavaMain do): load the main class through the
    /// application loader, find public static void main(String[]), run it, report an uncaught exception through
    /// the thread's uncaught-exception handler, wait for non-daemon threads, run shutdown hooks. Returns the exit status.
    /// </summary>
    public int RunMain(JThread t, string mainClass, IReadOnlyList<string> args)
    {
        var internalName = mainClass.Replace('.', '/');
        JClass? main;
        try
        {
            main = LoadClass(internalName, AppLoader);
        }
        catch (JavaThrow e)
        {
            ReportLaunchError($"Error: Could not find or load main class {mainClass}", e);
            return 1;
        }
        if (main is null)
        {
            WriteError($"Error: Could not find or load main class {mainClass}\nCaused by: java.lang.ClassNotFoundException: {mainClass}\n");
            return 1;
        }
        try
        {
            // LauncherHelper looks main up by reflection, which links the class: a VerifyError is reported here.
            Link(main);
        }
        catch (JavaThrow e)
        {
            var detail = StringOf(GetField(e.Throwable, "detailMessage").R) ?? "null";
            WriteError($"Error: Unable to initialize main class {main.JavaName}\nCaused by: {e.Throwable.Class.JavaName}: {detail}\n");
            return 1;
        }
        // LauncherHelper.validateMainClass: Class.getMethod("main", String[].class) finds a public one of any return
        // type, declared here or inherited from a superclass; then it must be static and return void.
        JMethod? entry = null;
        for (var c = main; c is not null && entry is null; c = c.Super)
            entry = c.DeclaredMethods.FirstOrDefault(m => m.Name == "main" && (m.Flags & ClassFile.AccessFlags.Public) != 0
                && m.Descriptor.StartsWith("([Ljava/lang/String;)", StringComparison.Ordinal));
        if (entry is null)
        {
            WriteError($"Error: Main method not found in class {mainClass}, please define the main method as:\n   public static void main(String[] args)\nor a JavaFX application class must extend javafx.application.Application\n");
            return 1;
        }
        if (!entry.IsStatic)
        {
            WriteError($"Error: Main method is not static in class {mainClass}, please define the main method as:\n   public static void main(String[] args)\n");
            return 1;
        }
        if (!entry.Descriptor.EndsWith(")V", StringComparison.Ordinal))
        {
            WriteError($"Error: Main method must return a value of type void in class {mainClass}, please \ndefine the main method as:\n   public static void main(String[] args)\n");
            return 1;
        }
        var status = 0;
        try
        {
            EnsureInitialized(t, main);
            var argv = (JArray<JObject?>)NewArray(StringClass, args.Count);
            for (var i = 0; i < args.Count; i++) argv.Data[i] = NewString(args[i]);
            t.Invoke(entry, Slot.OfRef(argv));
        }
        catch (JavaThrow e)
        {
            status = 1;
            DispatchUncaught(t, e.Throwable);
        }
        return Exit(t, status);
    }

    /// <summary>Thread.dispatchUncaughtException: the handler prints "Exception in thread …" and the trace.</summary>
    internal void DispatchUncaught(JThread t, JObject throwable)
    {
        var thread = t.JavaThread!;
        var dispatch = thread.Class.FindMethod("dispatchUncaughtException", "(Ljava/lang/Throwable;)V")!;
        try
        {
            t.Invoke(dispatch, Slot.OfRef(thread), Slot.OfRef(throwable));
        }
        catch (JavaThrow e)
        {
            // A handler that throws: HotSpot reports it in one line (JavaThread::exit) and goes on.
            var name = StringOf(GetField(thread, "name").R);
            WriteError($"\nException: {e.Throwable.Class.JavaName} thrown from the UncaughtExceptionHandler in thread \"{name}\"\n");
        }
    }

    /// <summary>DestroyJavaVM: wait for non-daemon threads, then Shutdown.shutdown (hooks), then the status.</summary>
    public int Exit(JThread t, int status)
    {
        Threads.WaitForNonDaemons(t);
        try
        {
            var shutdown = BootClass("java/lang/Shutdown");
            EnsureInitialized(t, shutdown);
            t.Invoke(shutdown.DeclaredMethod("shutdown", "()V")!);
        }
        catch (JavaThrow e)
        {
            DispatchUncaught(t, e.Throwable);
        }
        return status;
    }

    private void ReportLaunchError(string line, JavaThrow e)
    {
        var detail = StringOf(GetField(e.Throwable, "detailMessage").R);
        WriteError($"{line}\nCaused by: {e.Throwable.Class.JavaName}{(detail is null ? "" : ": " + detail)}\n");
    }

    private void WriteError(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        try { StandardError.Write(bytes); }
        catch (Nido.Linux.ErrnoException) { } // stderr closed: the exit status still says it
    }
}
