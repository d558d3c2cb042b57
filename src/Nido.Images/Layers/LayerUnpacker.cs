using System.Formats.Tar;
using Nido.Linux;

namespace Nido.Images.Layers;

/// <summary>How a layer's whiteouts (.wh.NAME, .wh..wh..opq) are carried out.</summary>
public enum WhiteoutMode
{
    /// <summary>Into overlayfs's own form (a 0:0 character device, trusted.overlay.opaque=y), for a snapshot that is one lower layer.</summary>
    Overlay,
    /// <summary>By deleting what lower layers put there, for unpacking every layer into one directory (the copy fallback).</summary>
    Apply,
}

/// <summary>
/// Unpacks one layer tar into a directory. Every path is resolved inside the root: ".." that climbs out is an error and
/// symlinks (also those from lower layers) are followed as if the root were "/", so a hostile layer cannot write
/// outside it. Ownership, permissions (setuid included), xattrs, device nodes and times are kept.
/// </summary>
public static class LayerUnpacker
{
    private const string WhiteoutPrefix = ".wh.", OpaqueMarker = ".wh..wh..opq";

    /// <summary>Unpacks <paramref name="tar"/> into <paramref name="root"/>; returns the diff id (sha256 of the uncompressed tar).</summary>
    public static string Unpack(Stream tar, string root, WhiteoutMode mode, string what)
    {
        root = Path.GetFullPath(root).TrimEnd('/');
        using var hashing = new DigestingStream(tar, leaveOpen: true);
        var written = new HashSet<string>();
        var directoryTimes = new List<(string Path, DateTimeOffset Time)>();
        try
        {
            using (var reader = new TarReader(hashing, leaveOpen: true))
            {
                while (reader.GetNextEntry() is { } entry)
                {
                    try { Apply(entry, root, mode, what, written, directoryTimes); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // An entry the filesystem refuses (EPERM, ENAMETOOLONG, ERANGE …) makes the layer invalid, not the caller's crash.
                        throw new ImageException($"{what}: entry \"{entry.Name}\": {e.Message}");
                    }
                }
            }
            hashing.CopyTo(Stream.Null); // the diff id covers the end-of-archive blocks and any padding too
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or OverflowException
                                    or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new ImageException($"{what}: not a valid tar archive: {e.Message}");
        }
        // Directory times last (their contents changed them); only where the path is still a directory reached
        // without symlinks, as a later entry may have replaced it by a link pointing anywhere.
        for (var i = directoryTimes.Count - 1; i >= 0; i--)
            if (IsDirectoryWithoutLinks(root, directoryTimes[i].Path))
                XAttrs.SetTimes(directoryTimes[i].Path, directoryTimes[i].Time);
        return hashing.Digest();
    }

    private static void Apply(TarEntry entry, string root, WhiteoutMode mode, string what, HashSet<string> written, List<(string, DateTimeOffset)> directoryTimes)
    {
        if (entry.EntryType is TarEntryType.GlobalExtendedAttributes) return;
        var components = Clean(entry.Name, what);
        if (components.Count == 0)
        {
            if (entry.EntryType is TarEntryType.Directory) SetMetadata(entry, root, what, directoryTimes);
            return;
        }
        var name = components[^1];
        var parent = ResolveDirectory(root, components.Take(components.Count - 1), what, entry.Name);
        var path = parent + "/" + name;

        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            Whiteout(parent, name, mode, what, written);
            return;
        }

        var existing = Nodes.LStat(path);
        var isDirectory = entry.EntryType is TarEntryType.Directory;
        if (existing is { } e && !(e.IsDirectory && isDirectory)) RemoveTree(path, e);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (existing is not { IsDirectory: true }) Directory.CreateDirectory(path);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                    entry.DataStream?.CopyTo(file);
                break;
            case TarEntryType.SymbolicLink:
                if (string.IsNullOrEmpty(entry.LinkName)) throw new ImageException($"{what}: symlink \"{entry.Name}\" has no target");
                File.CreateSymbolicLink(path, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                var target = ResolveExisting(root, Clean(entry.LinkName, what), what, entry.LinkName);
                if (Nodes.LStat(target) is { IsDirectory: true }) throw new ImageException($"{what}: hard link \"{entry.Name}\" to a directory");
                Nodes.HardLink(target, path);
                break;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                Nodes.MakeDevice(path, entry.EntryType is TarEntryType.CharacterDevice ? 'c' : 'b', entry is PosixTarEntry p ? p.DeviceMajor : 0, entry is PosixTarEntry q ? q.DeviceMinor : 0, (uint)entry.Mode);
                break;
            case TarEntryType.Fifo:
                Nodes.MakeFifo(path, (uint)entry.Mode);
                break;
            default:
                return; // GNU sparse, multi-volume and long-name bookkeeping entries carry no file of their own
        }
        for (var p = path; p.Length > root.Length && written.Add(p); p = p[..p.LastIndexOf('/')]) { } // the path and the directories leading to it
        if (entry.EntryType is not TarEntryType.HardLink) SetMetadata(entry, path, what, directoryTimes);
    }

    private static void Whiteout(string parent, string name, WhiteoutMode mode, string what, HashSet<string> written)
    {
        if (name == OpaqueMarker)
        {
            if (mode == WhiteoutMode.Overlay) XAttrs.Set(parent, "trusted.overlay.opaque", "y"u8);
            else HideLower(parent, written);
            return;
        }
        var hidden = name[WhiteoutPrefix.Length..];
        if (hidden is "" or "." or ".." || hidden.Contains('/')) throw new ImageException($"{what}: invalid whiteout \"{name}\"");
        var path = parent + "/" + hidden;
        if (Nodes.LStat(path) is { } existing) RemoveTree(path, existing);
        if (mode == WhiteoutMode.Overlay) Nodes.MakeDevice(path, 'c', 0, 0, 0);
    }

    /// <summary>An opaque directory in Apply mode: whatever this layer did not write, at any depth, came from below and goes.</summary>
    private static void HideLower(string dir, HashSet<string> written)
    {
        foreach (var child in Directory.EnumerateFileSystemEntries(dir).ToList())
        {
            var info = Nodes.LStat(child);
            if (!written.Contains(child)) RemoveTree(child, info);
            else if (info is { IsDirectory: true }) HideLower(child, written);
        }
    }

    private static bool IsDirectoryWithoutLinks(string root, string path)
    {
        for (var p = path; p.Length > root.Length; p = p[..p.LastIndexOf('/')])
            if (Nodes.LStat(p) is not { IsDirectory: true }) return false;
        return true;
    }

    private static void SetMetadata(TarEntry entry, string path, string what, List<(string, DateTimeOffset)> directoryTimes)
    {
        Nodes.ChownNoFollow(path, (uint)entry.Uid, (uint)entry.Gid);
        // chmod after chown: chown clears setuid/setgid.
        if (entry.EntryType is not TarEntryType.SymbolicLink) Nodes.ChangeMode(path, (uint)entry.Mode);
        if (entry is PaxTarEntry pax)
            foreach (var (key, value) in pax.ExtendedAttributes)
                if (key.StartsWith("SCHILY.xattr.", StringComparison.Ordinal))
                {
                    try { XAttrs.Set(path, key[13..], System.Text.Encoding.UTF8.GetBytes(value)); }
                    catch (ErrnoException e) when (e.Errno is Errno.EOPNOTSUPP or Errno.EPERM) { } // the filesystem or namespace does not allow it: as Docker, not fatal
                }
        if (entry.EntryType is TarEntryType.Directory) directoryTimes.Add((path, entry.ModificationTime));
        else XAttrs.SetTimes(path, entry.ModificationTime);
    }

    /// <summary>The entry name as components; "." and empty parts dropped; ".." that leaves the root is an error.</summary>
    internal static List<string> Clean(string name, string what)
    {
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) throw new ImageException($"{what}: entry \"{name}\" points outside the layer");
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            if (part.Contains('\0')) throw new ImageException($"{what}: entry name contains a NUL byte");
            if (System.Text.Encoding.UTF8.GetByteCount(part) > 255) throw new ImageException($"{what}: entry \"{name}\" has a name component longer than 255 bytes");
            parts.Add(part);
        }
        return parts;
    }

    /// <summary>The real directory for components under root, creating missing ones; symlinks are resolved with root as "/".</summary>
    private static string ResolveDirectory(string root, IEnumerable<string> components, string what, string entryName)
    {
        var current = root;
        var pending = new LinkedList<string>(components);
        var links = 0;
        while (pending.First is { } first)
        {
            var part = first.Value;
            pending.RemoveFirst();
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (current != root) current = current[..current.LastIndexOf('/')];
                continue;
            }
            var next = current + "/" + part;
            switch (Nodes.LStat(next))
            {
                case null:
                    Directory.CreateDirectory(next);
                    current = next;
                    break;
                case { IsDirectory: true }:
                    current = next;
                    break;
                case { IsSymlink: true }:
                    if (++links > 40) throw new ImageException($"{what}: too many levels of symbolic links under \"{entryName}\"");
                    var target = new FileInfo(next).LinkTarget ?? "";
                    if (target.StartsWith('/')) current = root;
                    var node = pending.First;
                    foreach (var t in target.Split('/'))
                        if (node is null) pending.AddLast(t); else pending.AddBefore(node, t);
                    break;
                default:
                    throw new ImageException($"{what}: \"{entryName}\": {next[root.Length..]} is not a directory");
            }
        }
        return current;
    }

    private static string ResolveExisting(string root, List<string> components, string what, string name)
    {
        if (components.Count == 0) throw new ImageException($"{what}: hard link to the layer root");
        var parent = ResolveDirectory(root, components.Take(components.Count - 1), what, name);
        var path = parent + "/" + components[^1];
        if (Nodes.LStat(path) is null) throw new ImageException($"{what}: hard link target \"{name}\" does not exist in the layer");
        return path;
    }

    internal static void RemoveTree(string path, NodeInfo? info)
    {
        if (info is { IsDirectory: true }) Directory.Delete(path, recursive: true);
        else if (info is not null) File.Delete(path);
    }
}
