using System.Text;

namespace Nido.Linux.Tests;

public sealed class TextFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-textfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Reads_files_of_unknown_size_and_past_the_first_page()
    {
        Assert.Equal(File.ReadAllText("/proc/self/mountinfo").Length > 0, TextFile.Read("/proc/self/mountinfo").Length > 0);
        var big = new string('x', 70_000) + "é\n";
        File.WriteAllText(Path.Combine(_dir, "big"), big);
        Assert.Equal(big, TextFile.Read(Path.Combine(_dir, "big")));
        File.WriteAllText(Path.Combine(_dir, "page"), new string('y', 4096));
        Assert.Equal(4096, TextFile.Read(Path.Combine(_dir, "page")).Length);
        Assert.Equal("", TextFile.Read("/dev/null"));
        Assert.Null(TextFile.TryRead(Path.Combine(_dir, "absent")));
        var e = Assert.Throws<ErrnoException>(() => TextFile.Read(Path.Combine(_dir, "absent")));
        Assert.Equal(Errno.ENOENT, e.Errno);
    }

    [Fact]
    public void Write_replaces_a_longer_value_whole()
    {
        var file = Path.Combine(_dir, "knob");
        TextFile.Write(file, "1048576");
        TextFile.Write(file, "100");
        Assert.Equal("100", File.ReadAllText(file));
    }

    [Fact]
    public void Create_refuses_an_existing_file_and_Replace_leaves_no_temporary()
    {
        var file = Path.Combine(_dir, "state.json");
        TextFile.Create(file, "one");
        Assert.Equal(Errno.EEXIST, Assert.Throws<ErrnoException>(() => TextFile.Create(file, "two")).Errno);
        File.WriteAllText(Path.Combine(_dir, ".state.json.tmp"), "left by a killed writer");
        TextFile.Replace(file, "{\"a\":1}");
        Assert.Equal("{\"a\":1}", File.ReadAllText(file, Encoding.UTF8));
        Assert.Equal([file], Directory.GetFiles(_dir));
        Assert.Equal("0644", Convert.ToString((int)File.GetUnixFileMode(file), 8).PadLeft(4, '0'));
        var fresh = Path.Combine(_dir, "pid"); // nothing to exchange with: a plain rename
        TextFile.Replace(fresh, "42");
        TextFile.Replace(fresh, "7");
        Assert.Equal("7", File.ReadAllText(fresh));
        Assert.Equal(2, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public void Replace_leaves_a_directory_in_its_place_and_puts_its_temporary_beside_the_file()
    {
        var taken = Path.Combine(_dir, "taken");
        Directory.CreateDirectory(taken);
        Assert.Equal(Errno.EISDIR, Assert.Throws<ErrnoException>(() => TextFile.Replace(taken, "x")).Errno);
        Assert.True(Directory.Exists(taken));
        Assert.Equal(["taken"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        TextFile.Replace(_dir + "/sub/../pid", "1"); // the temporary lands beside the file the path names
        Assert.Equal("1", File.ReadAllText(Path.Combine(_dir, "pid")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_dir, "sub")));
    }
}
