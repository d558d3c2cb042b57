namespace Nido.Linux.Tests;

/// <summary>
/// Runs per-thread state changes (unshare, setns, capset, setresuid, signal masks) on a thread that ends
/// afterwards, so the test process's other threads never see them.
/// </summary>
internal static class FreshThread
{
    public static T Run<T>(Func<T> body)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = body(); }
            catch (Exception e) { error = e; }
        });
        thread.Start();
        thread.Join();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return result;
    }

    public static void Run(Action body) => Run(() => { body(); return 0; });
}
