namespace Nido.Linux;

/// <summary>
/// Makes a new network namespace, with "lo" up, on a short-lived thread of its own while the caller goes on: unshare
/// moves only the calling thread, and a new namespace is the costliest part of a container's start (the kernel sets up
/// every per-namespace subsystem), so it is ready by the time a child joins it (setns is cheap). The namespace is owned
/// by this process's user namespace: not for a child that makes a user namespace of its own.
/// </summary>
public sealed class NetworkNamespaceMaker : IDisposable
{
    private readonly Thread thread;
    private SafeFdHandle? made;
    private Exception? error;

    private NetworkNamespaceMaker()
    {
        thread = new Thread(Make, 256 * 1024) { IsBackground = true, Name = "netns" };
        thread.Start();
    }

    public static NetworkNamespaceMaker Start() => new();

    /// <summary>Waits for the namespace: a descriptor of it (the caller owns it), or the failure that stopped it.</summary>
    public SafeFdHandle Take()
    {
        thread.Join();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error); // with the thread's stack
        var fd = made ?? throw new InvalidOperationException("the network namespace was taken already");
        made = null;
        return fd;
    }

    public void Dispose()
    {
        thread.Join();
        made?.Dispose();
        made = null;
    }

    private void Make()
    {
        try
        {
            Namespaces.Unshare(NamespaceFlags.Net);
            NetworkInterface.SetUp("lo"); // runc and crun bring it up
            made = Namespaces.Open(Interop.gettid(), NamespaceFlags.Net); // /proc/TID: this thread's, not the process's
        }
        catch (Exception e)
        {
            error = e;
        }
        // The thread ends here: the namespace lives on through the descriptor.
    }
}
