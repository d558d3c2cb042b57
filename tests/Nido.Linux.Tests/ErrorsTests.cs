using System.Runtime.InteropServices;

namespace Nido.Linux.Tests;

/// <summary>A failed call's errno survives formatting its subject (which can make P/Invokes of its own).</summary>
public sealed class ErrorsTests
{
    private sealed class Clobbers
    {
        public int Formatted;

        public override string ToString()
        {
            Formatted++;
            Marshal.SetLastPInvokeError((int)Errno.EBADF); // as a first-time initialisation's own P/Invoke would
            return "subject";
        }
    }

    [Fact]
    public void The_errno_is_taken_before_the_subject_is_formatted_and_nothing_is_formatted_on_success()
    {
        var subject = new Clobbers();
        var e = Assert.Throws<ErrnoException>(() =>
        {
            Marshal.SetLastPInvokeError((int)Errno.ENOENT);
            Errors.Check(-1, "test", $"the {subject}");
        });
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Contains("the subject", e.Message);
        var thrown = Assert.Throws<ErrnoException>(() =>
        {
            Marshal.SetLastPInvokeError((int)Errno.EEXIST);
            Errors.Throw("test", $"the {subject}");
        });
        Assert.Equal(Errno.EEXIST, thrown.Errno);
        Assert.Equal(2, subject.Formatted);
        Assert.Equal(5, Errors.Check(5, "test", $"the {subject}"));
        Assert.Equal(2, subject.Formatted);
    }
}
