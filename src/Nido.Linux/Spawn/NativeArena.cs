using System.Runtime.InteropServices;
using System.Text;

namespace Nido.Linux;

/// <summary>Zeroed native allocations freed together: the spawn plan must not live on the moving managed heap.</summary>
internal sealed unsafe class NativeArena : IDisposable
{
    private readonly List<nint> blocks = [];

    public byte* Alloc(int size)
    {
        var p = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(size, 1));
        blocks.Add((nint)p);
        return p;
    }

    public byte* Utf8(string s)
    {
        if (s.Contains('\0')) throw new ArgumentException($"\"{s.Replace("\0", "\\0")}\" contains a NUL byte");
        var p = Alloc(Encoding.UTF8.GetByteCount(s) + 1);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, int.MaxValue));
        return p;
    }

    /// <summary>A NULL-terminated char*[] (argv, envp).</summary>
    public byte** StringArray(IReadOnlyList<string> items)
    {
        var array = (byte**)Alloc((items.Count + 1) * sizeof(nint));
        for (var i = 0; i < items.Count; i++) array[i] = Utf8(items[i]);
        return array;
    }

    public void Dispose()
    {
        foreach (var block in blocks) NativeMemory.Free((void*)block);
        blocks.Clear();
    }
}
