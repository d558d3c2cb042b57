using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>
/// A failed system call: names the call, what it was applied to, and the errno
/// (symbolic name and the C library's text), e.g. <c>mount("proc" → /proc): EPERM (Operation not permitted)</c>.
/// </summary>
public class ErrnoException : IOException
{
    public ErrnoException(string syscall, int errno, string? subject = null)
        : base(Format(syscall, errno, subject))
    {
        Syscall = syscall;
        ErrnoValue = errno;
        Subject = subject;
        HResult = errno;
    }

    /// <summary>The system call (or C library function) that failed.</summary>
    public string Syscall { get; }

    /// <summary>What the call was applied to (a path, fd, pid …), if known.</summary>
    public string? Subject { get; }

    /// <summary>The raw errno value.</summary>
    public int ErrnoValue { get; }

    public Errno Errno => (Errno)ErrnoValue;

    /// <summary>The C library's text for the errno ("No such file or directory").</summary>
    public string Description => Marshal.GetPInvokeErrorMessage(ErrnoValue);

    /// <summary>The symbolic name ("ENOENT"), or "errno N" for values without one.</summary>
    public string ErrnoName => NameOf(ErrnoValue);

    public static string NameOf(int errno) =>
        Enum.IsDefined((Errno)errno) ? ((Errno)errno).ToString() : $"errno {errno}";

    private static string Format(string syscall, int errno, string? subject)
    {
        var what = subject is null ? syscall : $"{syscall}({subject})";
        return $"{what}: {NameOf(errno)} ({Marshal.GetPInvokeErrorMessage(errno)})";
    }
}
