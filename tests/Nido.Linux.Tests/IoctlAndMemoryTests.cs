namespace Nido.Linux.Tests;

public class IoctlAndMemoryTests
{
    private const uint FIONREAD = 0x541B;

    [Fact]
    public void Ioctl_reads_into_a_struct()
    {
        var (r, w) = FileIo.Pipe();
        using (r)
        using (w)
        {
            FileIo.Write(w, "abc"u8);
            var available = 0;
            Ioctl.Call(r, FIONREAD, ref available, "FIONREAD");
            Assert.Equal(3, available);
        }
    }

    [Fact]
    public void Ioctl_encoding_matches_the_kernel_macros()
    {
        Assert.Equal(0xAE00u, Ioctl.Io(0xAE, 0x00));            // KVM_GET_API_VERSION
        Assert.Equal(0x4020AE46u, Ioctl.Iow(0xAE, 0x46, 32));   // KVM_SET_USER_MEMORY_REGION
        Assert.Equal(0x400454cau, Ioctl.Iow((uint)'T', 202, 4)); // TUNSETIFF
        Assert.Equal(0x80045430u, Ioctl.Ior((uint)'T', 0x30, 4)); // TIOCGPTN
    }

    [Fact]
    public void Ioctl_failure_names_the_request()
    {
        using var fd = FileIo.Open("/dev/null", FileIo.O_RDONLY);
        Expect.Errno(() => Ioctl.Call(fd, FIONREAD, 0, "FIONREAD"), "ioctl", Errno.ENOTTY, "FIONREAD");
    }

    [Fact]
    public void Anonymous_memory_is_zeroed_and_dontneed_drops_contents()
    {
        using var mem = MappedMemory.Anonymous(1 << 20);
        var span = mem.AsSpan(4096, 16);
        Assert.All(span.ToArray(), b => Assert.Equal(0, b));
        span.Fill(0xAB);
        Assert.Equal(0xAB, mem.AsSpan(4096 + 15, 1)[0]);
        mem.Advise(Advice.DontNeed);
        Assert.Equal(0, mem.AsSpan(4096, 1)[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => mem.AsSpan((1 << 20) - 4, 8));
    }

    [Fact]
    public void Huge_page_advice_covers_the_anonymous_run_around_an_address_and_skips_file_mappings()
    {
        using var mem = MappedMemory.Anonymous(4 << 20);
        // The run may take in anonymous neighbours, never less than the mapping itself.
        Assert.True(MappedMemory.AdviseHugePagesAround(mem.Address + 100) >= 4 << 20);
        var path = Path.GetTempFileName();
        try
        {
            using var fd = FileIo.Open(path, FileIo.O_RDWR);
            FileIo.Truncate(fd, 4096);
            using var file = MappedMemory.File(fd, 4096);
            Assert.Equal(0, MappedMemory.AdviseHugePagesAround(file.Address));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Shared_file_mappings_write_through()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var fd = FileIo.Open(path, FileIo.O_RDWR))
            {
                FileIo.Truncate(fd, 4096);
                using var mem = MappedMemory.File(fd, 4096);
                "nido"u8.CopyTo(mem.AsSpan(100, 4));
            }
            Assert.Equal("nido", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 100, 4));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Mapping_errors_are_typed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MappedMemory.Anonymous(0));
        Expect.Errno(() => MappedMemory.Anonymous(1L << 62), "mmap", Errno.ENOMEM, "anonymous");
    }
}
