using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nido.Machines.Tests.RiscV;

/// <summary>One node of a decompiled device tree: its properties as dtc printed their values, and its children.</summary>
internal sealed class DtsNode(string name)
{
    public string Name { get; } = name;
    public Dictionary<string, string> Properties { get; } = [];
    public List<DtsNode> Children { get; } = [];

    public DtsNode Child(string name) =>
        Children.SingleOrDefault(c => c.Name == name) ?? throw new Xunit.Sdk.XunitException($"no node {name} under {Name} (has: {string.Join(", ", Children.Select(c => c.Name))})");

    public bool Has(string property) => Properties.ContainsKey(property);

    /// <summary>A property's cells, big-endian, whatever form dtc chose to print its value in.</summary>
    public uint[] Cells(string property)
    {
        var bytes = Bytes(property);
        Assert.True(bytes.Length % 4 == 0, $"{Name}/{property}: {bytes.Length} bytes is not whole cells");
        return [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 * i)))];
    }

    public uint Cell(string property) => Assert.Single(Cells(property));

    /// <summary>Cells read as 64-bit numbers (pairs of cells, high first).</summary>
    public ulong[] Pairs(string property)
    {
        var cells = Cells(property);
        Assert.True(cells.Length % 2 == 0, $"{Name}/{property}: odd number of cells");
        return [.. Enumerable.Range(0, cells.Length / 2).Select(i => (ulong)cells[2 * i] << 32 | cells[2 * i + 1])];
    }

    /// <summary>A string-list property's strings (NUL-separated in the blob).</summary>
    public string[] Strings(string property)
    {
        var bytes = Bytes(property);
        Assert.True(bytes.Length > 0 && bytes[^1] == 0, $"{Name}/{property} is not NUL-terminated strings");
        return Encoding.ASCII.GetString(bytes, 0, bytes.Length - 1).Split('\0');
    }

    public string String(string property) => Assert.Single(Strings(property));

    /// <summary>
    /// The raw value: dtc prints a value as cells (&lt;0x01 0x02&gt;), strings ("a\0b", "c") or bytes ([01 02]),
    /// guessing from its content, so read all three back.
    /// </summary>
    public byte[] Bytes(string property)
    {
        var v = Value(property);
        var result = new List<byte>();
        for (var i = 0; i < v.Length; i++)
        {
            switch (v[i])
            {
                case '<':
                    var close = v.IndexOf('>', i);
                    foreach (var cell in v[(i + 1)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var n = cell.StartsWith("0x", StringComparison.Ordinal)
                            ? uint.Parse(cell.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) : uint.Parse(cell, CultureInfo.InvariantCulture);
                        result.AddRange([(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
                    }
                    i = close;
                    break;
                case '[':
                    var end = v.IndexOf(']', i);
                    result.AddRange(v[(i + 1)..end].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(b => byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    i = end;
                    break;
                case '"':
                    for (i++; v[i] != '"'; i++)
                    {
                        if (v[i] != '\\') { result.Add((byte)v[i]); continue; }
                        i++;
                        if (v[i] == 'x') { result.Add(byte.Parse(v.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 2; }
                        else result.Add(v[i] switch { '0' => 0, 'a' => 7, 'b' => 8, 't' => 9, 'n' => 10, 'v' => 11, 'f' => 12, 'r' => 13, var c => (byte)c });
                    }
                    result.Add(0);
                    break;
            }
        }
        return [.. result];
    }

    private string Value(string property) =>
        Properties.TryGetValue(property, out var v) ? v : throw new Xunit.Sdk.XunitException($"{Name} has no property {property}");
}

/// <summary>dtc (device-tree-compiler) as an independent reader of the blobs we write.</summary>
internal static class Dtc
{
    public static string? Unavailable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "dtc")))
            ? null : "dtc is not installed (device-tree-compiler)";

    /// <summary>Decompiles a blob: the root node, and what dtc said on stderr (its checks' warnings).</summary>
    public static (DtsNode Root, string Warnings) Decompile(byte[] dtb)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, dtb);
            var start = new ProcessStartInfo("dtc") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-I", "dtb", "-O", "dts", path }) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var dts = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"dtc exited {p.ExitCode}: {stderr.Result}");
            return (Parse(dts), stderr.Result.Replace(path, "<dtb>"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Reads dtc's own output format: one node opening, property or closing per line.</summary>
    private static DtsNode Parse(string dts)
    {
        var stack = new Stack<DtsNode>();
        DtsNode? root = null;
        foreach (var raw in dts.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("/dts-v1/", StringComparison.Ordinal)) continue;
            if (line.EndsWith('{'))
            {
                var node = new DtsNode(line[..^1].Trim());
                if (stack.Count == 0) root = node;
                else stack.Peek().Children.Add(node);
                stack.Push(node);
            }
            else if (line == "};") stack.Pop();
            else
            {
                var body = line.TrimEnd(';');
                var eq = body.IndexOf(" = ", StringComparison.Ordinal);
                if (eq < 0) stack.Peek().Properties[body] = "";
                else stack.Peek().Properties[body[..eq]] = body[(eq + 3)..];
            }
        }
        Assert.Empty(stack);
        return root ?? throw new Xunit.Sdk.XunitException("dtc printed no root node");
    }
}
