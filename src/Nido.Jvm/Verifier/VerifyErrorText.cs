using System.Text;
using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Verifier;

/// <summary>
/// The message of a type checker's VerifyError as HotSpot 17 writes it: the headline, then "Exception Details:"
/// with the location, the reason, the frames involved, the whole code as a hex dump, the exception table and the
/// StackMapTable as stored. Every line after the headline ends with a newline.
/// </summary>
internal static class VerifyErrorText
{
    public static string Of(VerifyException e, string className, MethodInfo m)
    {
        var code = m.Code!;
        var text = new StringBuilder(e.Message).Append("\nException Details:\n");
        text.Append("  Location:\n    ").Append(className).Append('.').Append(m.Name).Append(m.Descriptor)
            .Append(" @").Append(e.Pc).Append(": ").Append(OpcodeNames.Of(code.Code, e.Pc)).Append('\n');
        text.Append("  Reason:\n    ").Append(e.Reason).Append('\n');
        if (e.Current is { } current)
        {
            text.Append("  Current Frame:\n");
            current.Print(text, e.CurrentBci);
        }
        if (e.StackMap is { } stackMap)
        {
            text.Append("  Stackmap Frame:\n");
            stackMap.Print(text, e.StackMapBci);
        }
        text.Append("  Bytecode:\n");
        HexDump(text, code.Code);
        if (code.Handlers.Length > 0)
        {
            text.Append("  Exception Handler Table:\n");
            foreach (var h in code.Handlers) text.Append("    bci [").Append(h.Start).Append(", ").Append(h.End).Append("] => handler: ").Append(h.Handler).Append('\n');
        }
        if (code.StackMapTable is { } table)
        {
            text.Append("  Stackmap Table:\n");
            StackMapTable(text, table);
        }
        return text.ToString();
    }

    /// <summary>Sixteen bytes a line in pairs, the offset in seven hex digits; lines padded to full width (one blank line more when the length is a multiple of 16).</summary>
    private static void HexDump(StringBuilder text, byte[] code)
    {
        var positions = (code.Length + 16) / 16 * 16;
        for (var i = 0; i < positions; i++)
        {
            if (i % 16 == 0) text.Append("    ").Append(i.ToString("x7")).Append(':');
            if (i % 2 == 0) text.Append(' ');
            if (i < code.Length) text.Append(code[i].ToString("x2"));
            else text.Append("  ");
            if (i % 16 == 15) text.Append('\n');
        }
    }

    /// <summary>The attribute's entries as stored (a long is one item), each at its absolute offset.</summary>
    private static void StackMapTable(StringBuilder text, byte[] table)
    {
        var at = 0;
        bool Has(int n) => at + n <= table.Length;
        int U1() => table[at++];
        int U2() => (table[at++] << 8) | table[at++];
        // The size of one verification type item, or 0 when it runs past the table.
        int ItemSize(int from) => from >= table.Length ? 0 : table[from] is 7 or 8 ? (from + 3 <= table.Length ? 3 : 0) : 1;
        string Item()
        {
            var tag = U1();
            return tag switch
            {
                0 => "Top", 1 => "Integer", 2 => "Float", 3 => "Double", 4 => "Long", 5 => "Null", 6 => "UninitializedThis",
                7 => $"Object[#{U2()}]",
                8 => $"Uninitialized[#{U2()}]",
                _ => $"BAD:{tag}",
            };
        }
        if (!Has(2)) return;
        var count = U2();
        var offset = -1;
        for (var i = 0; i < count && Has(1); i++)
        {
            var type = U1();
            text.Append("    ");
            if (type < 64)
            {
                offset += type + 1;
                text.Append("same_frame(@").Append(offset).Append(")\n");
            }
            else if (type < 128)
            {
                offset += type - 64 + 1;
                if (ItemSize(at) == 0) { Truncated(text, "same_locals_1_stack_item_frame", offset); return; }
                text.Append("same_locals_1_stack_item_frame(@").Append(offset).Append(',').Append(Item()).Append(")\n");
            }
            else if (type < 247)
            {
                return; // a reserved frame type: HotSpot stops after the indent, without ending the line
            }
            else
            {
                if (!Has(2)) { Truncated(text, FrameName(type), offset); return; }
                offset += U2() + 1;
                if (type == 247)
                {
                    if (ItemSize(at) == 0) { Truncated(text, "same_locals_1_stack_item_extended", offset); return; }
                    text.Append("same_locals_1_stack_item_extended(@").Append(offset).Append(',').Append(Item()).Append(")\n");
                }
                else if (type < 251) text.Append("chop_frame(@").Append(offset).Append(',').Append(251 - type).Append(")\n");
                else if (type == 251) text.Append("same_frame_extended(@").Append(offset).Append(")\n");
                else if (type < 255)
                {
                    var items = new List<string>();
                    for (var k = 0; k < type - 251; k++)
                    {
                        if (ItemSize(at) == 0) { Truncated(text, "append_frame", offset); return; }
                        items.Add(Item());
                    }
                    text.Append("append_frame(@").Append(offset).Append(',').Append(string.Join(',', items)).Append(")\n");
                }
                else
                {
                    var lists = new List<string>[2];
                    for (var l = 0; l < 2; l++)
                    {
                        if (!Has(2)) { Truncated(text, "full_frame", offset); return; }
                        lists[l] = [];
                        for (var k = U2(); k > 0; k--)
                        {
                            if (ItemSize(at) == 0) { Truncated(text, "full_frame", offset); return; }
                            lists[l].Add(Item());
                        }
                    }
                    text.Append("full_frame(@").Append(offset).Append(",{").Append(string.Join(',', lists[0]))
                        .Append("},{").Append(string.Join(',', lists[1])).Append("})\n");
                }
            }
        }
    }

    private static string FrameName(int type) => type switch
    {
        247 => "same_locals_1_stack_item_extended",
        < 251 => "chop_frame",
        251 => "same_frame_extended",
        < 255 => "append_frame",
        _ => "full_frame",
    };

    private static void Truncated(StringBuilder text, string name, int offset) =>
        text.Append(name).Append("(@").Append(offset).Append("), output truncated, Stackmap exceeds table size."); // and stops: no newline
}
