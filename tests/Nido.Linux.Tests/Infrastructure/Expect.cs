namespace Nido.Linux.Tests;

internal static class Expect
{
    /// <summary>Asserts that <paramref name="action"/> fails in <paramref name="syscall"/> with <paramref name="errno"/>, and that the message says <paramref name="mentions"/>.</summary>
    public static ErrnoException Errno(Action action, string syscall, Linux.Errno errno, string? mentions = null)
    {
        var e = Assert.Throws<ErrnoException>(action);
        Assert.Equal(syscall, e.Syscall);
        Assert.Equal(errno, e.Errno);
        if (mentions is not null) Assert.Contains(mentions, e.Message);
        return e;
    }
}
