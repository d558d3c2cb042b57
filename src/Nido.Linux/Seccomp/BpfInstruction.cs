using System.Runtime.InteropServices;

namespace Nido.Linux.Seccomp;

/// <summary>One classic BPF instruction (struct sock_filter), the language of seccomp filters.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct BpfInstruction(ushort Code, byte JumpTrue, byte JumpFalse, uint K)
{
    // Opcode parts (linux/bpf_common.h).
    private const ushort LD = 0x00, ALU = 0x04, JMP = 0x05, RET = 0x06;
    private const ushort W = 0x00, ABS = 0x20, K_ = 0x00, AND = 0x50;
    private const ushort JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30;

    /// <summary>Loads the 32-bit word at <paramref name="offset"/> of struct seccomp_data.</summary>
    public static BpfInstruction Load(uint offset) => new((ushort)(LD | W | ABS), 0, 0, offset);
    public static BpfInstruction And(uint mask) => new((ushort)(ALU | AND | K_), 0, 0, mask);
    public static BpfInstruction Return(uint value) => new((ushort)(RET | K_), 0, 0, value);
    public static BpfInstruction Jump(uint offset) => new((ushort)(JMP | JA), 0, 0, offset);
    public static BpfInstruction JumpIfEqual(uint k, byte jt, byte jf) => new((ushort)(JMP | JEQ | K_), jt, jf, k);
    public static BpfInstruction JumpIfGreater(uint k, byte jt, byte jf) => new((ushort)(JMP | JGT | K_), jt, jf, k);
    public static BpfInstruction JumpIfGreaterOrEqual(uint k, byte jt, byte jf) => new((ushort)(JMP | JGE | K_), jt, jf, k);

    public bool IsReturn => (Code & 0x07) == RET;
}
