using System.Text;

namespace Nido.Linux.Tests;

public class FileIoTests
{
    [Fact]
    public void Open_write_read_pread_pwrite()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var fd = FileIo.Open(path, FileIo.O_RDWR | FileIo.O_TRUNC))
            {
                Assert.True(FileIo.IsCloseOnExec(fd));
                FileIo.WriteAll(fd, "hello world"u8);
                FileIo.PWrite(fd, "W"u8, 6);
                var buf = new byte[5];
                Assert.Equal(5, FileIo.PRead(fd, buf, 6));
                Assert.Equal("World", Encoding.ASCII.GetString(buf));
                FileIo.Truncate(fd, 5);
                FileIo.Sync(fd);
            }
            Assert.Equal("hello", File.ReadAllText(path));
            using var again = FileIo.Open(path, FileIo.O_RDONLY);
            var all = new byte[16];
            Assert.Equal(5, FileIo.Read(again, all));
            Assert.Equal(0, FileIo.Read(again, all));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Read_all_takes_whole_files_and_finds_nothing_where_no_file_opens()
    {
        var path = Path.GetTempFileName();
        try
        {
            var content = new byte[70_000];
            new Random(7).NextBytes(content);
            File.WriteAllBytes(path, content);
            Assert.Equal(content, FileIo.TryReadAll(path));
            File.WriteAllBytes(path, []);
            Assert.Empty(FileIo.TryReadAll(path)!);
            // A /proc file says size 0 and still has content.
            Assert.StartsWith("Name:", Encoding.ASCII.GetString(FileIo.TryReadAll("/proc/self/status")!));
            Assert.Null(FileIo.TryReadAll("/nonexistent/nido"));
            Assert.Null(FileIo.TryReadAll(path + "/below-a-file"));
            Assert.Null(FileIo.TryReadAll(Path.GetTempPath()));
            Assert.Null(FileIo.TryReadAll("/tmp/" + new string('n', 300)));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Errors_name_the_call_the_path_and_the_errno()
    {
        var e = Expect.Errno(() => FileIo.Open("/nonexistent/nido", FileIo.O_RDONLY), "open", Errno.ENOENT);
        Assert.Equal("ENOENT", e.ErrnoName);
        Assert.Equal("open(/nonexistent/nido): ENOENT (No such file or directory)", e.Message);
    }

    [Fact]
    public void Unknown_errno_values_still_format()
    {
        Assert.Equal("errno 4000", ErrnoException.NameOf(4000));
        Assert.Contains("frob: errno 4000", new ErrnoException("frob", 4000).Message);
    }

    [Fact]
    public void Pipes_duplicates_and_nonblocking_reads()
    {
        var (r, w) = FileIo.Pipe(nonBlocking: true);
        using (r)
        using (w)
        {
            Expect.Errno(() => FileIo.Read(r, new byte[1]), "read", Errno.EAGAIN);
            using var dup = FileIo.Duplicate(w, 100);
            Assert.True(dup.Fd >= 100);
            FileIo.Write(dup, "x"u8);
            Assert.Equal(1, FileIo.Read(r, new byte[1]));
            FileIo.SetCloseOnExec(dup, false);
            Assert.False(FileIo.IsCloseOnExec(dup));
        }
    }

    [Fact]
    public void Closing_a_handle_closes_the_descriptor_once()
    {
        var (r, w) = FileIo.Pipe();
        using (w)
        {
            r.Dispose();
            r.Dispose();
            Assert.True(r.IsClosed);
            // The read end is gone, so the kernel reports a broken pipe to the writer.
            Expect.Errno(() => FileIo.Write(w, "x"u8), "write", Errno.EPIPE);
        }
    }
}
