using System.Formats.Tar;
using Nido.Linux;

namespace Nido.Images.Tests;

/// <summary>A directory /tmp/nido-imgtest-&lt;guid&gt;, removed on Dispose; a mount left under it fails the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine("/tmp", $"nido-imgtest-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var dir = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Mount points at or under <paramref name="dir"/> in this process's mount namespace.</summary>
    public static List<string> MountsUnder(string dir) =>
        System.IO.File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => l.Split(' ')[4].Replace("\\040", " "))
            .Where(m => m == dir || m.StartsWith(dir + "/", StringComparison.Ordinal)).ToList();

    public void Dispose()
    {
        var leaked = MountsUnder(Path);
        foreach (var m in leaked.OrderByDescending(m => m.Length))
            try { Mounts.Unmount(m, UnmountFlags.Detach); } catch (ErrnoException) { }
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        Assert.True(leaked.Count == 0, $"mounts leaked under {Path}: {string.Join(", ", leaked)}");
        Assert.False(Directory.Exists(Path));
    }
}

internal static class Requires
{
    public static void Root() =>
        Assert.SkipUnless(Nido.Linux.Credentials.IsRoot, "needs root (chown, mknod, trusted.* xattrs, mounts); running as uid " + Nido.Linux.Credentials.EffectiveUid);

    public static void File(string path, string why) => Assert.SkipUnless(System.IO.File.Exists(path), $"{path} is missing: {why}");
}

/// <summary>Builds tar archives in memory.</summary>
internal sealed class TarBuilder : IDisposable
{
    public static readonly DateTimeOffset Time = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly MemoryStream _buffer = new();
    private readonly TarWriter _writer;
    private readonly TarEntryFormat _format;

    public TarBuilder(TarEntryFormat format = TarEntryFormat.Pax)
    {
        _format = format;
        _writer = new TarWriter(_buffer, format, leaveOpen: true);
    }

    private PosixTarEntry New(TarEntryType type, string name) => _format switch
    {
        TarEntryFormat.Ustar => new UstarTarEntry(type, name),
        TarEntryFormat.Gnu => new GnuTarEntry(type, name),
        _ => new PaxTarEntry(type, name),
    };

    public TarBuilder Add(TarEntry entry)
    {
        _writer.WriteEntry(entry);
        return this;
    }

    private TarBuilder Add(TarEntryType type, string name, int mode, int uid, int gid, DateTimeOffset? mtime, Action<PosixTarEntry>? more = null)
    {
        var e = New(type, name);
        e.Mode = (UnixFileMode)mode;
        e.Uid = uid;
        e.Gid = gid;
        e.ModificationTime = mtime ?? Time;
        more?.Invoke(e);
        _writer.WriteEntry(e);
        return this;
    }

    public TarBuilder File(string name, string content = "", int mode = 0x1a4, int uid = 0, int gid = 0, DateTimeOffset? mtime = null) =>
        File(name, System.Text.Encoding.UTF8.GetBytes(content), mode, uid, gid, mtime);

    public TarBuilder File(string name, byte[] content, int mode = 0x1a4, int uid = 0, int gid = 0, DateTimeOffset? mtime = null) =>
        Add(TarEntryType.RegularFile, name, mode, uid, gid, mtime, e => e.DataStream = new MemoryStream(content));

    public TarBuilder Dir(string name, int mode = 0x1ed, int uid = 0, int gid = 0, DateTimeOffset? mtime = null) =>
        Add(TarEntryType.Directory, name, mode, uid, gid, mtime);

    public TarBuilder Symlink(string name, string target, int uid = 0, int gid = 0) =>
        Add(TarEntryType.SymbolicLink, name, 0x1ff, uid, gid, null, e => e.LinkName = target);

    public TarBuilder HardLink(string name, string target) =>
        Add(TarEntryType.HardLink, name, 0x1a4, 0, 0, null, e => e.LinkName = target);

    public TarBuilder CharDevice(string name, int major, int minor, int mode = 0x1b6) =>
        Add(TarEntryType.CharacterDevice, name, mode, 0, 0, null, e => { e.DeviceMajor = major; e.DeviceMinor = minor; });

    public TarBuilder Fifo(string name, int mode = 0x1a4) => Add(TarEntryType.Fifo, name, mode, 0, 0, null);

    public byte[] Build()
    {
        _writer.Dispose();
        return _buffer.ToArray();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }
}

/// <summary>Edits ustar headers in place (fields a TarWriter refuses to write), fixing the checksum.</summary>
internal static class RawTar
{
    public const int NameField = 0, ModeField = 100, SizeField = 124, ChecksumField = 148, TypeField = 156, LinkNameField = 157;

    public static void SetField(byte[] tar, int header, int field, byte[] value)
    {
        value.CopyTo(tar, header + field);
        FixChecksum(tar, header);
    }

    public static void FixChecksum(byte[] tar, int header)
    {
        for (var i = 0; i < 8; i++) tar[header + ChecksumField + i] = (byte)' ';
        var sum = 0;
        for (var i = 0; i < 512; i++) sum += tar[header + i];
        var text = System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        text.CopyTo(tar, header + ChecksumField);
    }
}
