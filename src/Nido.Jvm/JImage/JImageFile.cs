using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using Nido.Linux;

namespace Nido.Jvm.JImage;

/// <summary>
/// Reads a JDK run-time image (lib/modules), the file the boot class loader takes java.base and the other system
/// modules' classes from. Open maps the file and checks the header only, since the JVM opens it at every start;
/// lookups go through jlink's perfect-hash table of names "/module/parent/base.extension". Every offset read from
/// the file is bounded, so a hostile or truncated image gives JImageException, never an index error. All members
/// are safe to call from many threads at once.
/// </summary>
public sealed unsafe class JImageFile : IDisposable
{
    private readonly MappedMemory _handle;
    private readonly byte* _base;
    private readonly long _length;
    private readonly ImageHeader _header;
    private readonly StringLookup _strings;
    private readonly ConcurrentDictionary<string, string> _packageModules = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<string>> _modules;
    private int _disposed;

    private JImageFile(string path, MappedMemory mapping, long length)
    {
        Path = path;
        // The address stays valid while the mapping is open; each read holds a reference on it (see ReadEntry) rather
        // than this constructor holding one for good, so an image never disposed is still unmapped when collected.
        _handle = mapping;
        _base = (byte*)mapping.Address;
        _length = length;
        _header = ImageHeader.Parse(new ReadOnlySpan<byte>(_base, (int)Math.Min(length, ImageHeader.Size)), length, path);
        _strings = GetString;
        _modules = new Lazy<IReadOnlyList<string>>(ListModules);
    }

    /// <summary>Where the image is mapped and its size: valid until disposed (the JVM lends it to Java as its NativeImageBuffer).</summary>
    public nint BaseAddress => (nint)_base;

    public long Length => _length;

    /// <summary>Maps the image at <paramref name="path"/> and checks its header and table sizes.</summary>
    public static JImageFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Nido's own open and mmap, not FileStream and MemoryMappedFile: the JVM opens the image at every start, and
        // those types' first use costs the CoreCLR host ~1 ms of runtime work.
        try
        {
            using var fd = FileIo.Open(path, FileIo.O_RDONLY);
            var status = PosixFiles.Status(fd);
            if (status.IsDirectory) throw new JImageException(path, "cannot open: it is a directory");
            long length = status.Size;
            // An empty file cannot be mapped; a header-less one needs no mapping to be refused.
            if (length < ImageHeader.Size)
                throw new JImageException(path, $"file is {length} bytes, shorter than the {ImageHeader.Size}-byte header");
            var mapping = MappedMemory.File(fd, length, protection: Protection.Read, shared: false);
            try { return new JImageFile(path, mapping, length); }
            catch { mapping.Dispose(); throw; }
        }
        catch (ErrnoException e)
        {
            throw new JImageException(path, $"cannot open: {e.Description}", e);
        }
    }

    /// <summary>The file this image was opened from.</summary>
    public string Path { get; }

    /// <summary>Names of the modules in the image, sorted.</summary>
    public IReadOnlyList<string> Modules => _modules.Value;

    /// <summary>
    /// The resource <paramref name="resourcePath"/> of <paramref name="module"/> ("java.base", "java/lang/Object.class"),
    /// decompressed; null when the image has no such resource.
    /// </summary>
    public byte[]? Read(string module, string resourcePath)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(resourcePath);
        // The name hashed and stored is "/module/path".
        int max = ModifiedUtf8.MaxByteCount(module.Length + resourcePath.Length + 2);
        byte[]? rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> name = rented ?? stackalloc byte[512];
        try
        {
            int n = 0;
            name[n++] = (byte)'/';
            n += ModifiedUtf8.Encode(module, name[n..]);
            name[n++] = (byte)'/';
            n += ModifiedUtf8.Encode(resourcePath, name[n..]);
            return ReadEntry(name[..n]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The module that holds classes of <paramref name="package"/> (internal form, "java/lang"), from the image's
    /// /packages/java.lang directory entry; null when no module has classes or resources in that package.
    /// </summary>
    public string? ModuleOfPackage(string package)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (_packageModules.TryGetValue(package, out var cached)) return cached;
        var content = ReadEntry(ModifiedUtf8.Encode("/packages/" + package.Replace('/', '.')));
        if (content is null) return null;
        // The entry lists (isEmpty, module-name offset) pairs of 32-bit words in the image's order; like HotSpot,
        // take the first module where the package is not empty.
        for (int at = 0; at + 8 <= content.Length; at += 8)
        {
            if (Word(content, at) != 0) continue;
            var module = Guard(() => ModifiedUtf8.Decode(GetString(Word(content, at + 4))), "/packages/" + package);
            return _packageModules.GetOrAdd(package, module);
        }
        return null;
    }

    /// <summary>The class file of <paramref name="internalName"/> ("java/lang/Object", "java/util/Map$Entry"); null when absent.</summary>
    public byte[]? FindClass(string internalName)
    {
        ArgumentNullException.ThrowIfNull(internalName);
        int slash = internalName.LastIndexOf('/');
        // The image holds only named modules, whose classes all live in named packages.
        if (slash <= 0) return null;
        var module = ModuleOfPackage(internalName[..slash]);
        return module is null ? null : Read(module, internalName + ".class");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // Reads in flight hold their own reference on the mapping, so it is unmapped only once they are done.
        _handle.Dispose();
    }

    /// <summary>The content of the entry whose full name is <paramref name="name"/> (modified UTF-8), or null.</summary>
    private byte[]? ReadEntry(ReadOnlySpan<byte> name)
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            if (!TryFind(name, out var location)) return null;
            return ReadContent(location, name);
        }
        catch (InvalidDataException e)
        {
            throw new JImageException(Path, $"entry '{ModifiedUtf8Safe(name)}': {e.Message}", e);
        }
        finally
        {
            if (added) _handle.DangerousRelease();
        }
    }

    /// <summary>Looks a name up in the perfect-hash table and checks the entry found really has that name.</summary>
    private bool TryFind(ReadOnlySpan<byte> name, out ImageLocation location)
    {
        location = default;
        int count = _header.TableLength;
        if (count == 0) return false;
        int redirect = TableWord(_header.RedirectOffset, ImageHash.Of(name) % count);
        long index;
        if (redirect < 0) index = -1L - redirect;   // the slot itself, complemented
        else if (redirect > 0) index = ImageHash.Of(name, redirect) % count;   // a seed for a second hash
        else return false;
        if (index >= count) throw new InvalidDataException($"redirect entry points at slot {index} of {count}");
        location = ImageLocation.Decode(Locations, (uint)TableWord(_header.OffsetsOffset, index));
        return NameMatches(location, name);
    }

    /// <summary>Whether "/module/" + "parent/" + base + ".extension" (absent parts left out) equals <paramref name="name"/>.</summary>
    private bool NameMatches(in ImageLocation location, ReadOnlySpan<byte> name)
    {
        if (location.Module != 0)
        {
            if (!Consume(ref name, "/"u8) || !Consume(ref name, GetString(location.Module)) || !Consume(ref name, "/"u8))
                return false;
        }
        if (location.Parent != 0)
        {
            if (!Consume(ref name, GetString(location.Parent)) || !Consume(ref name, "/"u8)) return false;
        }
        if (!Consume(ref name, GetString(location.Base))) return false;
        if (location.Extension != 0)
        {
            if (!Consume(ref name, "."u8) || !Consume(ref name, GetString(location.Extension))) return false;
        }
        return name.IsEmpty;
    }

    private static bool Consume(ref ReadOnlySpan<byte> name, ReadOnlySpan<byte> part)
    {
        if (!name.StartsWith(part)) return false;
        name = name[part.Length..];
        return true;
    }

    private byte[] ReadContent(in ImageLocation location, ReadOnlySpan<byte> name)
    {
        ulong size = location.UncompressedSize, stored = location.CompressedSize != 0 ? location.CompressedSize : size;
        ulong room = (ulong)(_length - _header.IndexSize);
        if (location.ContentOffset > room || stored > room - location.ContentOffset)
            throw new InvalidDataException($"content ({stored} bytes at {location.ContentOffset}) lies past the end of the file");
        if (size > (ulong)Array.MaxLength || stored > (ulong)Array.MaxLength)
            throw new InvalidDataException($"content of {size} bytes is too large");
        var bytes = new ReadOnlySpan<byte>(_base + _header.IndexSize + (long)location.ContentOffset, (int)stored).ToArray();
        if (location.CompressedSize == 0) return bytes;
        var result = ResourceDecompressor.Decompress(bytes, _header.BigEndian, _strings, (long)size);
        if ((ulong)result.Length != size)
            throw new InvalidDataException($"decompressed to {result.Length} bytes, expected {size}");
        return result;
    }

    /// <summary>Module names from the /modules directory entry, whose content is location offsets of /modules/NAME.</summary>
    private IReadOnlyList<string> ListModules()
    {
        var content = ReadEntry("/modules"u8);
        if (content is null) return [];
        var names = new List<string>(content.Length / 4);
        Guard(() =>
        {
            for (int at = 0; at + 4 <= content.Length; at += 4)
            {
                var location = ImageLocation.Decode(Locations, (uint)Word(content, at));
                var name = ModifiedUtf8.Decode(GetString(location.Base));
                if (location.Extension != 0) name += "." + ModifiedUtf8.Decode(GetString(location.Extension));
                names.Add(name);
            }
            return 0;
        }, "/modules");
        names.Sort(StringComparer.Ordinal);
        return names.AsReadOnly();
    }

    /// <summary>Runs a read of the index (under a reference on the mapping), turning corrupt data into JImageException.</summary>
    private T Guard<T>(Func<T> read, string what)
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new JImageException(Path, $"entry '{what}': {e.Message}", e);
        }
        finally
        {
            if (added) _handle.DangerousRelease();
        }
    }

    private ReadOnlySpan<byte> Locations => new(_base + _header.LocationsOffset, _header.LocationsSize);

    /// <summary>The NUL-terminated string at <paramref name="offset"/> in the strings table, without its NUL.</summary>
    private ReadOnlySpan<byte> GetString(long offset)
    {
        if ((ulong)offset >= (ulong)_header.StringsSize)
            throw new InvalidDataException($"string offset {offset} is outside the {_header.StringsSize}-byte strings table");
        var rest = new ReadOnlySpan<byte>(_base + _header.StringsOffset + offset, _header.StringsSize - (int)offset);
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException($"string at {offset} has no terminating NUL");
        return rest[..end];
    }

    private ReadOnlySpan<byte> GetString(ulong offset) =>
        GetString(offset > int.MaxValue ? -1 : (long)offset);

    private int TableWord(long tableOffset, long index)
    {
        var at = new ReadOnlySpan<byte>(_base + tableOffset + 4 * index, 4);
        return _header.BigEndian ? BinaryPrimitives.ReadInt32BigEndian(at) : BinaryPrimitives.ReadInt32LittleEndian(at);
    }

    private int Word(byte[] content, int at) => _header.BigEndian
        ? BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(at))
        : BinaryPrimitives.ReadInt32LittleEndian(content.AsSpan(at));

    private static string ModifiedUtf8Safe(ReadOnlySpan<byte> name)
    {
        try { return ModifiedUtf8.Decode(name); }
        catch (InvalidDataException) { return Convert.ToHexString(name); }
    }
}
