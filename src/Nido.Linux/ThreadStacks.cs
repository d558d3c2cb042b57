namespace Nido.Linux;

/// <summary>The calling thread's stack as the C library reports it, for runtimes that must stop before overflowing it.</summary>
public static class ThreadStacks
{
    /// <summary>The lowest address and size of the calling thread's stack, or null if glibc cannot tell.</summary>
    public static unsafe (nint Low, long Size)? Current()
    {
        var attr = stackalloc byte[Interop.PthreadAttrSize];
        if (Interop.pthread_getattr_np(Interop.pthread_self(), attr) != 0) return null;
        try
        {
            nint low;
            nuint size;
            return Interop.pthread_attr_getstack(attr, &low, &size) == 0 ? (low, (long)size) : null;
        }
        finally
        {
            Interop.pthread_attr_destroy(attr);
        }
    }
}
