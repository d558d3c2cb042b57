using System.Formats.Tar;
using System.Text;
using Nido.Images.Layers;
using Nido.Linux;

namespace Nido.Images.Tests;

public sealed class LayerUnpackerTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private readonly string _root;

    public LayerUnpackerTests() => _root = _tmp.Sub("root");

    public void Dispose() => _tmp.Dispose();

    private string P(string relative) => Path.Combine(_root, relative);

    private string Unpack(byte[] tar, WhiteoutMode mode = WhiteoutMode.Apply) => LayerUnpacker.Unpack(new MemoryStream(tar), _root, mode, "test layer");

    private static TarBuilder Tar(TarEntryFormat format = TarEntryFormat.Pax) => new(format);

    /// <summary>Only root/ exists next to the root: nothing was written beside or above it.</summary>
    private void AssertNothingOutside() => Assert.Equal([_root], Directory.GetFileSystemEntries(_tmp.Path));

    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.Gnu)]
    public void Regular_files_keep_content_mode_owner_and_mtime(TarEntryFormat format)
    {
        Requires.Root();
        var mtime = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var tar = Tar(format)
            .File("etc/hello.txt", "hello", mode: 0x1a4, uid: 1234, gid: 5678, mtime: mtime) // 0644
            .File("bin/su", "suid", mode: 0x9ed)                                              // 04755
            .File("bin/sg", "sgid", mode: 0x5ed)                                              // 02755
            .File("secret", "x", mode: 0x180)                                                 // 0600
            .Build();
        Unpack(tar);
        Assert.Equal("hello", File.ReadAllText(P("etc/hello.txt")));
        var info = Nodes.LStat(P("etc/hello.txt"))!.Value;
        Assert.True(info.IsRegular);
        Assert.Equal(0x1a4u, info.Mode & 0xfff);
        Assert.Equal((1234u, 5678u), (info.Uid, info.Gid));
        Assert.Equal(mtime.UtcDateTime, File.GetLastWriteTimeUtc(P("etc/hello.txt")));
        Assert.Equal(0x9edu, Nodes.LStat(P("bin/su"))!.Value.Mode & 0xfff);
        Assert.Equal(0x5edu, Nodes.LStat(P("bin/sg"))!.Value.Mode & 0xfff);
        Assert.Equal(0x180u, Nodes.LStat(P("secret"))!.Value.Mode & 0xfff);
    }

    [Fact]
    public void Setuid_survives_a_nonzero_owner()
    {
        Requires.Root();
        Unpack(Tar().File("usr/bin/passwd", "x", mode: 0xded, uid: 1000, gid: 1000).Build()); // 06755
        var info = Nodes.LStat(P("usr/bin/passwd"))!.Value;
        Assert.Equal(0xdedu, info.Mode & 0xfff);
        Assert.Equal(1000u, info.Uid);
    }

    [Fact]
    public void Directories_keep_mode_owner_and_mtime_after_their_children_are_written()
    {
        Requires.Root();
        var t = new DateTimeOffset(2019, 5, 6, 7, 8, 9, TimeSpan.Zero);
        Unpack(Tar().Dir("d/", mode: 0x3ff, uid: 7, gid: 8, mtime: t).Dir("d/sub/", mtime: t).File("d/sub/f", "x").File("d/g", "y").Build()); // 01777
        var info = Nodes.LStat(P("d"))!.Value;
        Assert.True(info.IsDirectory);
        Assert.Equal(0x3ffu, info.Mode & 0xfff);
        Assert.Equal((7u, 8u), (info.Uid, info.Gid));
        Assert.Equal(t.UtcDateTime, Directory.GetLastWriteTimeUtc(P("d")));
        Assert.Equal(t.UtcDateTime, Directory.GetLastWriteTimeUtc(P("d/sub")));
    }

    [Fact]
    public void Root_entry_dot_slash_sets_the_roots_metadata()
    {
        Requires.Root();
        Unpack(Tar().Dir("./", mode: 0x1c0).File("./a", "1").Build()); // 0700
        Assert.Equal(0x1c0u, Nodes.LStat(_root)!.Value.Mode & 0xfff);
        Assert.Equal("1", File.ReadAllText(P("a")));
    }

    [Fact]
    public void Missing_parent_directories_are_created()
    {
        Unpack(Tar().File("a/b/c/d.txt", "deep").Build());
        Assert.Equal("deep", File.ReadAllText(P("a/b/c/d.txt")));
    }

    [Fact]
    public void Symlinks_are_created_not_followed_and_owned_with_lchown()
    {
        Requires.Root();
        Unpack(Tar().Symlink("passwd", "/etc/passwd", uid: 42, gid: 43).Symlink("rel", "../x/y").Build());
        var info = Nodes.LStat(P("passwd"))!.Value;
        Assert.True(info.IsSymlink);
        Assert.Equal((42u, 43u), (info.Uid, info.Gid));
        Assert.Equal("/etc/passwd", new FileInfo(P("passwd")).LinkTarget);
        Assert.Equal("../x/y", new FileInfo(P("rel")).LinkTarget);
        Assert.NotEqual(42u, Nodes.LStat("/etc/passwd")!.Value.Uid); // the host's file was not chowned through the link
    }

    [Fact]
    public void Symlink_without_target_is_rejected()
    {
        var tar = Tar(TarEntryFormat.Ustar).Symlink("l", "x").Build();
        RawTar.SetField(tar, 0, RawTar.LinkNameField, new byte[100]); // TarWriter refuses an empty link name; a hostile layer need not
        var e = Assert.Throws<ImageException>(() => Unpack(tar));
        Assert.Contains("has no target", e.Message);
    }

    [Fact]
    public void Hard_links_share_the_inode()
    {
        Unpack(Tar().File("bin/a", "same").HardLink("bin/b", "bin/a").HardLink("c", "./bin/a").Build());
        var a = Nodes.LStat(P("bin/a"))!.Value;
        Assert.Equal(a.Inode, Nodes.LStat(P("bin/b"))!.Value.Inode);
        Assert.Equal(a.Inode, Nodes.LStat(P("c"))!.Value.Inode);
        Assert.Equal("same", File.ReadAllText(P("bin/b")));
    }

    [Fact]
    public void Hard_link_to_a_missing_target_is_an_ImageException()
    {
        var e = Assert.Throws<ImageException>(() => Unpack(Tar().HardLink("b", "nothing").Build()));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Hard_link_to_a_directory_is_an_ImageException()
    {
        Assert.Throws<ImageException>(() => Unpack(Tar().Dir("d/").HardLink("h", "d").Build()));
    }

    [Fact]
    public void Character_device_and_fifo_are_made()
    {
        Requires.Root();
        Unpack(Tar().CharDevice("dev/null", 1, 3, mode: 0x1b6).Fifo("run/pipe", mode: 0x180).Build());
        var dev = Nodes.LStat(P("dev/null"))!.Value;
        Assert.Equal(Nodes.S_IFCHR, dev.Type);
        Assert.Equal(Nodes.MakeDev(1, 3), dev.RDev);
        Assert.Equal(0x1b6u, dev.Mode & 0xfff);
        var fifo = Nodes.LStat(P("run/pipe"))!.Value;
        Assert.Equal(Nodes.S_IFIFO, fifo.Type);
        Assert.Equal(0x180u, fifo.Mode & 0xfff);
    }

    [Fact]
    public void Block_device_is_made()
    {
        Requires.Root();
        var e = new PaxTarEntry(TarEntryType.BlockDevice, "dev/loop9") { DeviceMajor = 7, DeviceMinor = 9, Mode = (UnixFileMode)0x1b0 };
        Unpack(Tar().Add(e).Build());
        var dev = Nodes.LStat(P("dev/loop9"))!.Value;
        Assert.Equal(Nodes.S_IFBLK, dev.Type);
        Assert.Equal(Nodes.MakeDev(7, 9), dev.RDev);
    }

    [Fact]
    public void Pax_xattrs_are_applied()
    {
        Requires.Root();
        var e = new PaxTarEntry(TarEntryType.RegularFile, "f", new Dictionary<string, string> { ["SCHILY.xattr.user.color"] = "blue" })
        { DataStream = new MemoryStream("x"u8.ToArray()), Mode = (UnixFileMode)0x1a4 };
        Unpack(Tar().Add(e).Build());
        Assert.Equal("blue"u8.ToArray(), XAttrs.Get(P("f"), "user.color"));
    }

    [Fact]
    public void Returned_diff_id_is_the_sha256_of_the_whole_tar()
    {
        var tar = Tar().Dir("a/").File("a/b", "bee").Build();
        var padded = tar.Concat(new byte[10240]).ToArray(); // trailing zero blocks, as some writers pad to 10 KiB records
        Assert.Equal(Digests.Sha256(tar), Unpack(tar));
        Assert.Equal(Digests.Sha256(padded), LayerUnpacker.Unpack(new MemoryStream(padded), _tmp.Sub("second"), WhiteoutMode.Apply, "t"));
        Directory.Delete(_tmp.File("second"), true);
    }

    [Fact]
    public void End_of_archive_blocks_alone_are_an_empty_layer()
    {
        var empty = new byte[1024];
        Assert.Equal(Digests.Sha256(empty), Unpack(empty));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Zero_byte_stream_is_an_ImageException()
    {
        Assert.Contains("not a valid tar archive", Assert.Throws<ImageException>(() => Unpack([])).Message);
    }

    [Fact]
    public void Garbage_is_an_ImageException_naming_the_layer()
    {
        var junk = Encoding.ASCII.GetBytes(new string('z', 1024));
        var e = Assert.Throws<ImageException>(() => Unpack(junk));
        Assert.StartsWith("test layer: not a valid tar archive", e.Message);
    }

    [Fact]
    public void Truncated_tar_is_an_ImageException()
    {
        var tar = Tar().File("big", new byte[100_000]).Build();
        Assert.Throws<ImageException>(() => Unpack(tar[..50_000]));
    }

    // --- whiteouts ---

    private void LowerAXY() => Unpack(Tar().Dir("a/").File("a/x", "x").File("a/y", "y").Dir("a/d/").File("a/d/z", "z").Build());

    [Fact]
    public void Apply_whiteout_removes_the_named_file_and_keeps_its_siblings()
    {
        LowerAXY();
        Unpack(Tar().File("a/.wh.x").Build());
        Assert.False(File.Exists(P("a/x")));
        Assert.False(File.Exists(P("a/.wh.x")));
        Assert.True(File.Exists(P("a/y")));
    }

    [Fact]
    public void Apply_whiteout_removes_a_whole_directory()
    {
        LowerAXY();
        Unpack(Tar().File("a/.wh.d").Build());
        Assert.False(Directory.Exists(P("a/d")));
        Assert.True(File.Exists(P("a/x")));
    }

    [Fact]
    public void Apply_whiteout_of_something_absent_is_harmless()
    {
        Unpack(Tar().File("a/.wh.ghost").Build());
        Assert.Empty(Directory.GetFileSystemEntries(P("a")));
    }

    [Fact]
    public void Apply_opaque_marker_first_removes_old_children_and_keeps_new_ones()
    {
        LowerAXY();
        Unpack(Tar().Dir("a/").File("a/.wh..wh..opq").File("a/new", "n").Build());
        Assert.Equal([P("a/new")], Directory.GetFileSystemEntries(P("a")));
    }

    [Fact]
    public void Apply_opaque_marker_after_a_new_file_still_keeps_the_new_file()
    {
        LowerAXY();
        Unpack(Tar().Dir("a/").File("a/new", "n").File("a/.wh..wh..opq").Build());
        Assert.Equal([P("a/new")], Directory.GetFileSystemEntries(P("a")));
        Assert.Equal("n", File.ReadAllText(P("a/new")));
    }

    [Fact]
    public void Apply_opaque_marker_after_a_new_file_in_an_implied_subdirectory_keeps_that_file()
    {
        // The layer writes a/d/new without an entry for a/d/ (a/d came from the lower layer), then makes a opaque:
        // a/d/new belongs to this layer and must survive; a/x, a/y and the lower a/d/z must not.
        LowerAXY();
        Unpack(Tar().File("a/d/new", "n").File("a/.wh..wh..opq").Build());
        Assert.True(File.Exists(P("a/d/new")), "a/d/new written by this layer was removed by the layer's own opaque marker");
        Assert.False(File.Exists(P("a/x")));
        Assert.False(File.Exists(P("a/d/z")));
    }

    [Fact]
    public void Overlay_whiteout_becomes_a_0_0_character_device()
    {
        Requires.Root();
        Unpack(Tar().Dir("a/").File("a/.wh.x").Build(), WhiteoutMode.Overlay);
        var info = Nodes.LStat(P("a/x"));
        Assert.NotNull(info);
        Assert.True(info.Value.IsWhiteout);
        Assert.False(File.Exists(P("a/.wh.x")));
    }

    [Fact]
    public void Overlay_opaque_marker_sets_trusted_overlay_opaque()
    {
        Requires.Root();
        Unpack(Tar().Dir("a/").File("a/.wh..wh..opq").File("a/new", "n").Build(), WhiteoutMode.Overlay);
        Assert.Equal("y"u8.ToArray(), XAttrs.Get(P("a"), "trusted.overlay.opaque"));
        Assert.Equal([P("a/new")], Directory.GetFileSystemEntries(P("a")));
        Assert.Null(XAttrs.Get(_root, "trusted.overlay.opaque"));
    }

    [Theory]
    [InlineData("a/.wh.")]
    [InlineData("a/.wh..")]
    [InlineData("a/.wh...")]
    public void Invalid_whiteouts_are_rejected(string name)
    {
        Assert.Throws<ImageException>(() => Unpack(Tar().File(name).Build()));
    }

    // --- replacing ---

    [Fact]
    public void Directory_in_a_lower_layer_is_replaced_by_a_file()
    {
        Unpack(Tar().Dir("d/").File("d/inner", "i").Build());
        Unpack(Tar().File("d", "now a file").Build());
        Assert.True(Nodes.LStat(P("d"))!.Value.IsRegular);
        Assert.Equal("now a file", File.ReadAllText(P("d")));
    }

    [Fact]
    public void File_in_a_lower_layer_is_replaced_by_a_directory_and_a_directory_is_merged()
    {
        Unpack(Tar().File("f", "file").Dir("d/").File("d/old", "o").Build());
        Unpack(Tar().Dir("f/").File("f/x", "x").Dir("d/").File("d/new", "n").Build());
        Assert.True(Directory.Exists(P("f")));
        Assert.True(File.Exists(P("d/old")));
        Assert.True(File.Exists(P("d/new")));
    }

    [Fact]
    public void Symlink_in_a_lower_layer_is_replaced_by_a_file_without_writing_through_it()
    {
        var outside = _tmp.File("victim");
        File.WriteAllText(outside, "untouched");
        try
        {
            Unpack(Tar().Symlink("f", outside).Build());
            Unpack(Tar().File("f", "replaced").Build());
            Assert.Equal("untouched", File.ReadAllText(outside));
            Assert.True(Nodes.LStat(P("f"))!.Value.IsRegular);
        }
        finally { File.Delete(outside); }
    }

    [Fact]
    public void Later_entry_of_the_same_name_wins()
    {
        Unpack(Tar().File("f", "first").File("f", "second").Build());
        Assert.Equal("second", File.ReadAllText(P("f")));
    }

    // --- security ---

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/../../evil")]
    [InlineData("./../evil")]
    [InlineData("/../evil")]
    public void Entry_climbing_out_of_the_root_throws_and_writes_nothing_outside(string name)
    {
        var e = Assert.Throws<ImageException>(() => Unpack(Tar().File(name, "pwned").Build()));
        Assert.Contains("points outside the layer", e.Message);
        AssertNothingOutside();
        Assert.False(File.Exists("/tmp/evil") && File.ReadAllText("/tmp/evil") == "pwned");
    }

    [Fact]
    public void Absolute_entry_names_land_inside_the_root()
    {
        Unpack(Tar().File("/abs/file", "in").Build());
        Assert.Equal("in", File.ReadAllText(P("abs/file")));
        AssertNothingOutside();
    }

    [Fact]
    public void Dot_dot_inside_the_root_is_resolved()
    {
        Unpack(Tar().File("a/b/../c", "c").Build());
        Assert.Equal("c", File.ReadAllText(P("a/c")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("../../..")]
    [InlineData("../../../../../../../../..")]
    [InlineData("/..")]
    [InlineData("/tmp/../")]
    public void Symlink_to_outside_is_resolved_inside_the_root(string target)
    {
        var name = $"pwned-{Guid.NewGuid():N}";
        try
        {
            Unpack(Tar().Symlink("link", target).File($"link/etc/{name}", "gotcha").Build());
            Assert.False(File.Exists($"/etc/{name}"), "wrote into the host's /etc");
            Assert.Equal("gotcha", File.ReadAllText(P($"etc/{name}")));
            Assert.True(Nodes.LStat(P("link"))!.Value.IsSymlink);
            AssertNothingOutside();
        }
        finally { if (File.Exists($"/etc/{name}")) File.Delete($"/etc/{name}"); }
    }

    [Fact]
    public void Symlink_from_a_lower_layer_is_resolved_inside_the_root()
    {
        var name = $"pwned-{Guid.NewGuid():N}";
        try
        {
            Unpack(Tar().Symlink("usr/lib", "/etc").Build());
            Unpack(Tar().File($"usr/lib/{name}", "x").Build());
            Assert.False(File.Exists($"/etc/{name}"));
            Assert.True(File.Exists(P($"etc/{name}")));
        }
        finally { if (File.Exists($"/etc/{name}")) File.Delete($"/etc/{name}"); }
    }

    [Fact]
    public void Chained_symlinks_are_resolved_inside_the_root()
    {
        var outside = _tmp.Sub("outside");
        Unpack(Tar().Symlink("a", "b").Symlink("b", "c/../../..").Symlink("c", outside).File("a/f", "x").Build());
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.True(File.Exists(P("f")));
    }

    [Fact]
    public void Symlink_loop_is_an_ImageException()
    {
        var e = Assert.Throws<ImageException>(() => Unpack(Tar().Symlink("a", "b").Symlink("b", "a").File("a/f", "x").Build()));
        Assert.Contains("too many levels of symbolic links", e.Message);
    }

    [Fact]
    public void Whiteout_through_a_symlink_stays_inside_the_root()
    {
        var outside = _tmp.Sub("outside");
        File.WriteAllText(Path.Combine(outside, "keep"), "k");
        Unpack(Tar().Symlink("l", outside).File("l/.wh.keep").Build());
        Unpack(Tar().Symlink("m", "../outside").File("m/.wh..wh..opq").Build());
        Assert.True(File.Exists(Path.Combine(outside, "keep")));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("../outside/secret")]
    public void Hard_link_to_outside_throws(string target)
    {
        var e = Assert.Throws<ImageException>(() => Unpack(Tar().HardLink("h", target).Build()));
        Assert.Contains("points outside the layer", e.Message);
        Assert.False(File.Exists(P("h")));
    }

    [Fact]
    public void Hard_link_through_a_symlink_stays_inside_the_root()
    {
        var outside = _tmp.Sub("outside");
        File.WriteAllText(Path.Combine(outside, "secret"), "s");
        var e = Assert.Throws<ImageException>(() => Unpack(Tar().Symlink("l", outside).HardLink("h", "l/secret").Build()));
        Assert.Contains("does not exist", e.Message);
        Assert.Equal(1, (int)new FileInfo(Path.Combine(outside, "secret")).Length);
    }

    [Fact]
    public void Entry_under_a_regular_file_is_an_ImageException()
    {
        var e = Assert.Throws<ImageException>(() => Unpack(Tar().File("f", "x").File("f/g", "y").Build()));
        Assert.Contains("is not a directory", e.Message);
    }

    [Fact]
    public void Directory_times_are_not_set_through_a_symlink_that_replaced_the_directory()
    {
        // a/ and a/sub/ are directories with an old mtime; then a is replaced by a symlink to a directory outside the
        // root that also has sub/. The deferred directory times must not be applied through the symlink.
        Requires.Root();
        var outside = _tmp.Sub("outside");
        var sub = Directory.CreateDirectory(Path.Combine(outside, "sub")).FullName;
        var before = Directory.GetLastWriteTimeUtc(sub);
        var old = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Unpack(Tar().Dir("a/", mtime: old).Dir("a/sub/", mtime: old).Symlink("a", outside).Build());
        Assert.Equal(before, Directory.GetLastWriteTimeUtc(sub));
    }

    [Fact]
    public void Directory_replaced_by_a_symlink_to_nowhere_is_not_an_IOException()
    {
        var missing = _tmp.File("missing");
        var old = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Unpack(Tar().Dir("a/", mtime: old).Dir("a/sub/", mtime: old).Symlink("a", missing).Build());
        Assert.True(Nodes.LStat(P("a"))!.Value.IsSymlink);
    }

    [Fact]
    public void Overlong_name_is_an_ImageException()
    {
        Assert.Throws<ImageException>(() => Unpack(Tar().File(new string('n', 300), "x").Build()));
    }

    [Fact]
    public void Xattr_in_an_unsupported_namespace_is_not_fatal()
    {
        Requires.Root();
        var e = new PaxTarEntry(TarEntryType.RegularFile, "f", new Dictionary<string, string> { ["SCHILY.xattr.bogusns.x"] = "v" })
        { DataStream = new MemoryStream("x"u8.ToArray()) };
        Unpack(Tar().Add(e).Build());
        Assert.True(File.Exists(P("f")));
    }

    [Fact]
    public void Xattr_with_an_overlong_name_is_an_ImageException()
    {
        Requires.Root();
        var e = new PaxTarEntry(TarEntryType.RegularFile, "g", new Dictionary<string, string> { ["SCHILY.xattr.user." + new string('k', 300)] = "v" })
        { DataStream = new MemoryStream("x"u8.ToArray()) };
        Assert.Throws<ImageException>(() => Unpack(Tar().Add(e).Build()));
    }

    [Fact]
    public void Clean_normalises_names()
    {
        Assert.Equal(["a", "b"], LayerUnpacker.Clean("./a//b/", "t"));
        Assert.Equal(["b"], LayerUnpacker.Clean("a/../b", "t"));
        Assert.Empty(LayerUnpacker.Clean("./", "t"));
        Assert.Throws<ImageException>(() => LayerUnpacker.Clean("..", "t"));
        Assert.Contains("NUL", Assert.Throws<ImageException>(() => LayerUnpacker.Clean("a\0b", "t")).Message);
    }
}
