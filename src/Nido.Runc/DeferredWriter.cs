using System.Text;

namespace Nido.Runc;

/// <summary>
/// A writer opened at its first use (Console.Out or Console.Error): most runtime calls print nothing, and opening a
/// console writer (encoding lookup, stream, buffer) is a measurable part of a start that lasts milliseconds.
/// </summary>
public sealed class DeferredWriter(Func<TextWriter> open) : TextWriter
{
    /// <summary>Console.Out, opened at first use.</summary>
    public static DeferredWriter StandardOutput() => new(() => Console.Out) { IsStandardOutput = true };

    /// <summary>Console.Error, opened at first use.</summary>
    public static DeferredWriter StandardError() => new(() => Console.Error);

    /// <summary>Whether this stands for Console.Out (colour, for one, only goes to the console).</summary>
    public bool IsStandardOutput { get; private init; }

    private TextWriter? inner;
    private TextWriter Inner => inner ??= open();

    public override Encoding Encoding => Inner.Encoding;
    public override void Write(char value) => Inner.Write(value);
    public override void Write(string? value) => Inner.Write(value);
    public override void Write(char[] buffer, int index, int count) => Inner.Write(buffer, index, count);
    public override void Write(ReadOnlySpan<char> buffer) => Inner.Write(buffer);
    public override void WriteLine() => Inner.WriteLine();
    public override void WriteLine(string? value) => Inner.WriteLine(value);
    public override void WriteLine(ReadOnlySpan<char> buffer) => Inner.WriteLine(buffer);
    public override void Flush() => inner?.Flush();
}
