using System.Text;
using System.Text.Json;

namespace Nido.Engine;

/// <summary>
/// A container's output as Docker's json-file driver keeps it: one JSON object per line with the text (up to and
/// including a newline), the stream and the time. Writers from both streams share one lock so lines never interleave.
/// </summary>
public sealed class ContainerLog : IDisposable
{
    private readonly FileStream _file;
    private readonly object _gate = new();
    private readonly Dictionary<string, StringBuilder> _partial = new();

    public ContainerLog(string path) => _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);

    /// <summary>Adds output; complete lines are written at once, a trailing partial line waits for more (or <see cref="Flush"/>).</summary>
    public void Write(string stream, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (!_partial.TryGetValue(stream, out var pending)) _partial[stream] = pending = new StringBuilder();
            pending.Append(Encoding.UTF8.GetString(data));
            var text = pending.ToString();
            var last = text.LastIndexOf('\n');
            if (last < 0 && pending.Length < 16 << 10) return;
            var complete = last < 0 ? text : text[..(last + 1)];
            pending.Clear().Append(last < 0 ? "" : text[(last + 1)..]);
            foreach (var line in SplitKeepingNewlines(complete)) Append(stream, line);
        }
    }

    public void Flush()
    {
        lock (_gate)
            foreach (var (stream, pending) in _partial)
                if (pending.Length > 0) { Append(stream, pending.ToString()); pending.Clear(); }
    }

    private void Append(string stream, string text)
    {
        var json = JsonSerializer.Serialize(new LogLine { Log = text, Stream = stream, Time = DateTime.UtcNow }, LogJsonContext.Default.LogLine);
        _file.Write(Encoding.UTF8.GetBytes(json + "\n"));
        _file.Flush();
    }

    private static IEnumerable<string> SplitKeepingNewlines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') { yield return text[start..(i + 1)]; start = i + 1; }
        if (start < text.Length) yield return text[start..];
    }

    /// <summary>Reads the lines from <paramref name="offset"/>; returns where the next read starts (after the last complete line).</summary>
    public static long Read(string path, long offset, Action<LogLine> line)
    {
        if (!File.Exists(path)) return offset;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var consumed = 0;
        foreach (var l in SplitKeepingNewlines(text))
        {
            if (!l.EndsWith('\n')) break; // being written
            consumed += Encoding.UTF8.GetByteCount(l);
            try
            {
                if (JsonSerializer.Deserialize(l, LogJsonContext.Default.LogLine) is { } parsed) line(parsed);
            }
            catch (JsonException) { } // a line torn by a crash
        }
        return offset + consumed;
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }
}
