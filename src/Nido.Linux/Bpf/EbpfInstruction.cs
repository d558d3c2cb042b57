using System.Runtime.InteropServices;

namespace Nido.Linux.Bpf;

/// <summary>One eBPF instruction (struct bpf_insn): opcode, destination and source registers, offset, immediate.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct EbpfInstruction(byte code, byte dst, byte src, short offset, int immediate)
{
    public readonly byte Code = code;
    public readonly byte Registers = (byte)((src << 4) | (dst & 0xf));
    public readonly short Offset = offset;
    public readonly int Immediate = immediate;

    // Opcode parts (linux/bpf.h, bpf_common.h).
    private const byte LDX = 0x01, JMP = 0x05, ALU64 = 0x07, W = 0x00, MEM = 0x60, K = 0x00, X = 0x08;
    private const byte AND = 0x50, RSH = 0x70, MOV = 0xb0, JEQ = 0x10, JNE = 0x50, EXIT = 0x90;

    /// <summary>dst = *(u32 *)(src + offset)</summary>
    public static EbpfInstruction LoadWord(byte dst, byte src, short offset) => new((byte)(LDX | W | MEM), dst, src, offset, 0);
    public static EbpfInstruction AndImmediate(byte dst, int value) => new((byte)(ALU64 | AND | K), dst, 0, 0, value);
    public static EbpfInstruction ShiftRight(byte dst, int bits) => new((byte)(ALU64 | RSH | K), dst, 0, 0, bits);
    public static EbpfInstruction MoveImmediate(byte dst, int value) => new((byte)(ALU64 | MOV | K), dst, 0, 0, value);
    public static EbpfInstruction MoveRegister(byte dst, byte src) => new((byte)(ALU64 | MOV | X), dst, src, 0, 0);
    /// <summary>if dst != value: skip <paramref name="skip"/> instructions.</summary>
    public static EbpfInstruction JumpIfNotEqual(byte dst, int value, short skip) => new((byte)(JMP | JNE | K), dst, 0, skip, value);
    public static EbpfInstruction JumpIfEqual(byte dst, int value, short skip) => new((byte)(JMP | JEQ | K), dst, 0, skip, value);
    public static EbpfInstruction Exit() => new((byte)(JMP | EXIT), 0, 0, 0, 0);
}
