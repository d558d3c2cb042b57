namespace Nido.Jvm.X64;

/// <summary>x86-64 general registers by their encoding number.</summary>
internal enum Reg { Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi, R8, R9, R10, R11, R12, R13, R14, R15 }

/// <summary>Condition codes (the low nibble of Jcc and SETcc).</summary>
internal enum Cond { O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G }

/// <summary>
/// The few x86-64 instructions the native tier emits, encoded into a growing buffer, with labels for branches and
/// calls inside one code blob (rel32, patched in <see cref="Finish"/>). Memory operands are only [base + disp].
/// </summary>
internal sealed class Assembler
{
    private byte[] _code = new byte[4096];
    private int _length;
    private readonly List<int> _labels = [];
    private readonly List<(int At, int Label)> _fixups = [];

    public int Position => _length;

    public int NewLabel()
    {
        _labels.Add(-1);
        return _labels.Count - 1;
    }

    public void Bind(int label) => _labels[label] = _length;

    public int LabelPosition(int label) => _labels[label];

    /// <summary>The code with every rel32 resolved; a label used but never bound is a bug of the emitter.</summary>
    public byte[] Finish()
    {
        foreach (var (at, label) in _fixups)
        {
            var target = _labels[label];
            if (target < 0) throw new InvalidOperationException($"x64: label {label} was never bound");
            BitConverter.TryWriteBytes(_code.AsSpan(at), target - (at + 4));
        }
        return _code.AsSpan(0, _length).ToArray();
    }

    private void Byte(int b)
    {
        if (_length == _code.Length) Array.Resize(ref _code, _code.Length * 2);
        _code[_length++] = (byte)b;
    }

    private void Int32(int v)
    {
        for (var i = 0; i < 4; i++) Byte(v >> (8 * i));
    }

    private void Rel32(int label)
    {
        _fixups.Add((_length, label));
        Int32(0);
    }

    /// <summary>
    /// REX when needed: W for 64-bit operands, R/B for registers 8–15, and a bare REX when the r/m operand is a byte
    /// register of spl/bpl/sil/dil (without one, those encodings mean ah/ch/dh/bh).
    /// </summary>
    private void Rex(bool w, int reg, int rm, bool byteRm = false)
    {
        var rex = (w ? 8 : 0) | ((reg & 8) != 0 ? 4 : 0) | ((rm & 8) != 0 ? 1 : 0);
        if (rex != 0 || (byteRm && rm is >= 4 and < 8)) Byte(0x40 | rex);
    }

    private void ModRmReg(int reg, int rm) => Byte(0xC0 | ((reg & 7) << 3) | (rm & 7));

    /// <summary>ModRM (and disp8/disp32) for [base + disp]; bases rsp and r12 would need a SIB byte and are not used.</summary>
    private void ModRmMem(int reg, Reg b, int disp)
    {
        if (((int)b & 7) == 4) throw new ArgumentException("x64: rsp/r12 as a memory base needs a SIB byte", nameof(b));
        if (disp == 0 && ((int)b & 7) != 5) Byte(((reg & 7) << 3) | ((int)b & 7));
        else if (disp is >= -128 and <= 127)
        {
            Byte(0x40 | ((reg & 7) << 3) | ((int)b & 7));
            Byte(disp);
        }
        else
        {
            Byte(0x80 | ((reg & 7) << 3) | ((int)b & 7));
            Int32(disp);
        }
    }

    private void RegReg(bool w, int opcode, Reg reg, Reg rm)
    {
        Rex(w, (int)reg, (int)rm);
        if (opcode > 0xFF) Byte(opcode >> 8);
        Byte(opcode);
        ModRmReg((int)reg, (int)rm);
    }

    private void RegMem(bool w, int opcode, int reg, Reg b, int disp)
    {
        Rex(w, reg, (int)b);
        if (opcode > 0xFF) Byte(opcode >> 8);
        Byte(opcode);
        ModRmMem(reg, b, disp);
    }

    // ALU operations as their /digit in the 0x81/0x83 group; the reg-reg opcode is digit*8+1.
    public const int Add = 0, Or = 1, And = 4, Sub = 5, Xor = 6, Cmp = 7;

    /// <summary>op dst, src (add, or, and, sub, xor, cmp).</summary>
    public void Alu(int op, bool w, Reg dst, Reg src) => RegReg(w, op * 8 + 1, src, dst);

    /// <summary>op dst, imm32 (sign-extended for 64-bit operands).</summary>
    public void Alu(int op, bool w, Reg dst, int imm)
    {
        Rex(w, 0, (int)dst);
        if (dst == Reg.Rax && imm is < -128 or > 127)
        {
            Byte(op * 8 + 5); // the accumulator's short form
            Int32(imm);
        }
        else if (imm is >= -128 and <= 127)
        {
            Byte(0x83);
            ModRmReg(op, (int)dst);
            Byte(imm);
        }
        else
        {
            Byte(0x81);
            ModRmReg(op, (int)dst);
            Int32(imm);
        }
    }

    /// <summary>op dword/qword [b + disp], imm32.</summary>
    public void AluMem(int op, bool w, Reg b, int disp, int imm)
    {
        Rex(w, 0, (int)b);
        Byte(imm is >= -128 and <= 127 ? 0x83 : 0x81);
        ModRmMem(op, b, disp);
        if (imm is >= -128 and <= 127) Byte(imm);
        else Int32(imm);
    }

    /// <summary>cmp reg, [b + disp].</summary>
    public void CmpMem(bool w, Reg reg, Reg b, int disp) => RegMem(w, 0x3B, (int)reg, b, disp);

    public void Test(bool w, Reg a, Reg b) => RegReg(w, 0x85, b, a);

    public void Mov(bool w, Reg dst, Reg src)
    {
        if (dst != src || !w) RegReg(w, 0x89, src, dst);
    }

    public void Load(Reg dst, Reg b, int disp) => RegMem(true, 0x8B, (int)dst, b, disp);

    public void Store(Reg b, int disp, Reg src) => RegMem(true, 0x89, (int)src, b, disp);

    /// <summary>mov qword [b + disp], imm32 (sign-extended).</summary>
    public void StoreImm(Reg b, int disp, int imm)
    {
        RegMem(true, 0xC7, 0, b, disp);
        Int32(imm);
    }

    /// <summary>A constant into a register: 32-bit values zero-extend (ints only use the low half), longs as short as fits.</summary>
    public void MovImm(bool w, Reg dst, long value)
    {
        if (!w || (value >= 0 && value <= uint.MaxValue))
        {
            Rex(false, 0, (int)dst);
            Byte(0xB8 + ((int)dst & 7));
            Int32((int)value);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            Rex(true, 0, (int)dst);
            Byte(0xC7);
            ModRmReg(0, (int)dst);
            Int32((int)value);
        }
        else
        {
            Rex(true, 0, (int)dst);
            Byte(0xB8 + ((int)dst & 7));
            Int32((int)value);
            Int32((int)(value >> 32));
        }
    }

    public void Lea(Reg dst, Reg b, int disp) => RegMem(true, 0x8D, (int)dst, b, disp);

    public void Imul(bool w, Reg dst, Reg src) => RegReg(w, 0x0FAF, dst, src);

    public void Imul(bool w, Reg dst, Reg src, int imm)
    {
        Rex(w, (int)dst, (int)src);
        if (imm is >= -128 and <= 127)
        {
            Byte(0x6B);
            ModRmReg((int)dst, (int)src);
            Byte(imm);
        }
        else
        {
            Byte(0x69);
            ModRmReg((int)dst, (int)src);
            Int32(imm);
        }
    }

    /// <summary>cdq / cqo: sign-extends eax/rax into edx/rdx before idiv.</summary>
    public void SignExtendAx(bool w)
    {
        if (w) Byte(0x48);
        Byte(0x99);
    }

    private void Group3(int digit, bool w, Reg r)
    {
        Rex(w, 0, (int)r);
        Byte(0xF7);
        ModRmReg(digit, (int)r);
    }

    public void Idiv(bool w, Reg divisor) => Group3(7, w, divisor);

    public void Neg(bool w, Reg r) => Group3(3, w, r);

    // Shifts as their /digit in the 0xC1/0xD3 group.
    public const int Shl = 4, Shr = 5, Sar = 7;

    public void ShiftCl(int op, bool w, Reg r)
    {
        Rex(w, 0, (int)r);
        Byte(0xD3);
        ModRmReg(op, (int)r);
    }

    public void ShiftImm(int op, bool w, Reg r, int count)
    {
        Rex(w, 0, (int)r);
        Byte(0xC1);
        ModRmReg(op, (int)r);
        Byte(count);
    }

    /// <summary>movsxd dst, src32.</summary>
    public void Movsxd(Reg dst, Reg src) => RegReg(true, 0x63, dst, src);

    /// <summary>movsx/movzx dst32, src8/src16 (opcodes 0F BE, 0F BF, 0F B6, 0F B7).</summary>
    public void Extend(int opcode, Reg dst, Reg src)
    {
        Rex(false, (int)dst, (int)src, byteRm: opcode is 0x0FBE or 0x0FB6);
        Byte(0x0F);
        Byte(opcode & 0xFF);
        ModRmReg((int)dst, (int)src);
    }

    public const int Movsx8 = 0x0FBE, Movsx16 = 0x0FBF, Movzx8 = 0x0FB6, Movzx16 = 0x0FB7;

    public void Setcc(Cond c, Reg r)
    {
        Rex(false, 0, (int)r, byteRm: true);
        Byte(0x0F);
        Byte(0x90 + (int)c);
        ModRmReg(0, (int)r);
    }

    public void Jcc(Cond c, int label)
    {
        Byte(0x0F);
        Byte(0x80 + (int)c);
        Rel32(label);
    }

    public void Jmp(int label)
    {
        Byte(0xE9);
        Rel32(label);
    }

    public void Call(int label)
    {
        Byte(0xE8);
        Rel32(label);
    }

    /// <summary>call r (FF /2).</summary>
    public void Call(Reg r)
    {
        Rex(false, 0, (int)r);
        Byte(0xFF);
        ModRmReg(2, (int)r);
    }

    /// <summary>call qword [b + disp] (FF /2).</summary>
    public void CallMem(Reg b, int disp) => RegMem(false, 0xFF, 2, b, disp);

    public void Push(Reg r)
    {
        Rex(false, 0, (int)r);
        Byte(0x50 + ((int)r & 7));
    }

    public void Pop(Reg r)
    {
        Rex(false, 0, (int)r);
        Byte(0x58 + ((int)r & 7));
    }

    public void Ret() => Byte(0xC3);
}
