using System.Buffers.Binary;

namespace Nido.Jvm.ClassFile;

/// <summary>Decoding bytecode instructions: lengths, branch offsets and the pcs that can follow one.</summary>
public static class Instructions
{
    public static int S2(byte[] bc, int at) => (short)((bc[at] << 8) | bc[at + 1]);
    public static int S4(byte[] bc, int at) => BinaryPrimitives.ReadInt32BigEndian(bc.AsSpan(at));

    /// <summary>The instruction's length in bytes (switches are padded to a 4-byte boundary of the code).</summary>
    public static int Length(byte[] bc, int pc)
    {
        var op = bc[pc];
        switch (op)
        {
            case 0x10 or 0x12 or (>= 0x15 and <= 0x19) or (>= 0x36 and <= 0x3a) or 0xa9 or 0xbc: return 2;
            case 0x11 or 0x13 or 0x14 or 0x84 or (>= 0x99 and <= 0xa8) or (>= 0xb2 and <= 0xb8) or 0xbb or 0xbd or 0xc0 or 0xc1 or 0xc6 or 0xc7: return 3;
            case 0xb9 or 0xba or 0xc8 or 0xc9: return 5;
            case 0xc5: return 4;
            case 0xc4: return bc[pc + 1] == 0x84 ? 6 : 4;
            case 0xaa:
            {
                var p = (pc + 4) & ~3;
                var low = S4(bc, p + 4);
                var high = S4(bc, p + 8);
                return p - pc + 12 + (high - low + 1) * 4;
            }
            case 0xab:
            {
                var p = (pc + 4) & ~3;
                return p - pc + 8 + S4(bc, p + 4) * 8;
            }
            default: return 1;
        }
    }

    /// <summary>
    /// The pcs control can reach from the instruction at <paramref name="pc"/> (exception handlers aside); false for
    /// jsr and ret, whose targets depend on the return address.
    /// </summary>
    public static bool Successors(byte[] bc, int pc, List<int> next)
    {
        next.Clear();
        var op = bc[pc];
        switch (op)
        {
            case (>= 0x99 and <= 0xa6) or 0xc6 or 0xc7:
                next.Add(pc + 3);
                next.Add(pc + S2(bc, pc + 1));
                return true;
            case 0xa7: next.Add(pc + S2(bc, pc + 1)); return true;
            case 0xc8: next.Add(pc + S4(bc, pc + 1)); return true;
            case 0xa8 or 0xa9 or 0xc9: return false;
            case 0xaa:
            {
                var p = (pc + 4) & ~3;
                next.Add(pc + S4(bc, p));
                var low = S4(bc, p + 4);
                var high = S4(bc, p + 8);
                for (var i = 0; i <= high - low; i++) next.Add(pc + S4(bc, p + 12 + i * 4));
                return true;
            }
            case 0xab:
            {
                var p = (pc + 4) & ~3;
                next.Add(pc + S4(bc, p));
                var pairs = S4(bc, p + 4);
                for (var i = 0; i < pairs; i++) next.Add(pc + S4(bc, p + 12 + i * 8));
                return true;
            }
            case (>= 0xac and <= 0xb1) or 0xbf: return true;
            case 0xc4 when bc[pc + 1] == 0xa9: return false;
            default:
                next.Add(pc + Length(bc, pc));
                return true;
        }
    }
}
