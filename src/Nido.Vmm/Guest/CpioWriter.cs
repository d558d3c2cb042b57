using System.Text;

namespace Nido.Vmm.Guest;

/// <summary>
/// The "newc" cpio format (070701) the Linux kernel unpacks an initramfs from: a 110-byte ASCII-hex header per
/// entry, the NUL-terminated name, the data, each padded to four bytes, and a TRAILER!!! entry at the end.
/// Directories must come before what they contain; the kernel creates device nodes from the header.
/// </summary>
public sealed class CpioWriter(Stream output)
{
    private const int TypeDirectory = 0x4000, TypeRegular = 0x8000, TypeSymlink = 0xa000, TypeCharDevice = 0x2000;
    private uint _inode = 1;
    private long _written;

    public void Directory(string name, int mode = 0x1ed) => Entry(name, TypeDirectory | mode, [], nlink: 2);

    public void File(string name, ReadOnlySpan<byte> data, int mode = 0x1a4) => Entry(name, TypeRegular | mode, data);

    public void Symlink(string name, string target) => Entry(name, TypeSymlink | 0x1ff, Encoding.UTF8.GetBytes(target));

    public void CharDevice(string name, int major, int minor, int mode = 0x180) => Entry(name, TypeCharDevice | mode, [], rdevMajor: major, rdevMinor: minor);

    /// <summary>Writes the trailer; the archive is complete after it.</summary>
    public void Finish()
    {
        Entry("TRAILER!!!", 0, [], inode: 0);
        output.Flush();
    }

    private void Entry(string name, int mode, ReadOnlySpan<byte> data, int nlink = 1, int rdevMajor = 0, int rdevMinor = 0, uint? inode = null)
    {
        if (name.Length == 0 || name.StartsWith('/')) throw new ArgumentException($"cpio entry names are relative and non-empty: \"{name}\"", nameof(name));
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var header = new StringBuilder("070701", 110);
        foreach (var field in new long[] { inode ?? _inode++, mode, 0, 0, nlink, 0, data.Length, 0, 0, rdevMajor, rdevMinor, nameBytes.Length, 0 })
            header.Append(field.ToString("x8"));
        Write(Encoding.ASCII.GetBytes(header.ToString()));
        Write(nameBytes);
        Pad();
        Write(data);
        Pad();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        _written += bytes.Length;
    }

    private void Pad()
    {
        Span<byte> zeros = stackalloc byte[3];
        zeros.Clear();
        var pad = (int)((4 - _written % 4) % 4);
        Write(zeros[..pad]);
    }
}
