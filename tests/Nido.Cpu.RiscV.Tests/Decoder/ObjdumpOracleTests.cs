using Nido.Cpu.RiscV.Decoder;

namespace Nido.Cpu.RiscV.Tests.Decoder;

/// <summary>
/// The decoder against GNU objdump (binutils 2.40): every table line with random operands, random words, and
/// every 16-bit halfword. Mnemonics, registers and immediates must agree, and so must what each calls illegal,
/// except for the few places listed in <see cref="WeAreLenient"/> and <see cref="ObjdumpIsLenient"/>.
/// </summary>
public sealed class ObjdumpOracleTests
{
    private const int WordsPerLine = 24, RandomWords = 3000;

    [Fact]
    public void ThirtyTwoBitEncodingsAgree()
    {
        SkipWithoutObjdump();
        var rng = new Random(0x0b1d);
        var words = new List<uint>();
        foreach (var e in OpcodeTable.All)
            for (var k = 0; k < WordsPerLine; k++) words.Add(e.Match | (RandomOperands(rng, e, canonical: k % 2 == 0) & ~e.Mask));
        while (words.Count < OpcodeTable.All.Length * WordsPerLine + RandomWords)
        {
            var w = (uint)rng.NextInt64() | 3;
            if ((w & 0x1f) != 0x1f) words.Add(w); // longer encodings would swallow the following words
        }

        var code = new byte[words.Count * 4];
        for (var k = 0; k < words.Count; k++) BitConverter.TryWriteBytes(code.AsSpan(k * 4), words[k]);
        var listing = Objdump.Disassemble(code);

        var mismatches = new List<string>();
        var (agreed, uncheckedCsr) = (0, 0);
        var agreedOps = new HashSet<Op>();
        for (var k = 0; k < words.Count; k++)
        {
            var address = (ulong)k * 4;
            var ours = InstructionDecoder.Decode32(words[k]);
            if (!listing.TryGetValue(address, out var theirs))
            {
                mismatches.Add($"{words[k]:x8}: objdump printed nothing at 0x{address:x}");
                continue;
            }
            var theyCallItIllegal = theirs.Mnemonic.StartsWith('.');
            if (theyCallItIllegal || ours.Op == Op.Illegal)
            {
                if (theyCallItIllegal && ours.Op == Op.Illegal) agreed++;
                else if (theyCallItIllegal && WeAreLenient(ours)) { }
                else if (ours.Op == Op.Illegal && ObjdumpIsLenient(theirs.Mnemonic, words[k])) { }
                else mismatches.Add($"{words[k]:x8}: ours {Describe(ours)}, objdump {theirs.Mnemonic} {theirs.Operands}");
                continue;
            }
            var expected = theirs.Mnemonic == "unimp" ? "csrrw x0,0xc00,x0" : ObjdumpSyntax.NumericCsr(theirs.Mnemonic, theirs.Operands);
            if (expected is null)
            {
                uncheckedCsr++;
                expected = ObjdumpSyntax.Render(ours, address);
            }
            var rendered = ObjdumpSyntax.Render(ours, address);
            if (rendered != expected.Replace('\t', ' ')) mismatches.Add($"{words[k]:x8}: ours \"{rendered}\", objdump \"{expected}\"");
            else { agreed++; agreedOps.Add(ours.Op); }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {words.Count} words disagree:\n{string.Join("\n", mismatches.Take(60))}");
        var neverAgreed = OpcodeTable.All.Select(e => e.Op).Where(op => !agreedOps.Contains(op)).ToArray();
        Assert.True(neverAgreed.Length == 0, $"never checked against objdump: {string.Join(", ", neverAgreed)}");
        Assert.True(uncheckedCsr < words.Count / 20, $"{uncheckedCsr} CSR names could not be checked");
        Assert.True(agreed > words.Count / 2, $"only {agreed} of {words.Count} words were compared");
    }

    [Fact]
    public void EveryCompressedHalfwordAgrees()
    {
        SkipWithoutObjdump();
        var halfwords = Enumerable.Range(0, 0x10000).Where(h => (h & 3) != 3).Select(h => (ushort)h).ToArray();
        var code = new byte[halfwords.Length * 2];
        for (var k = 0; k < halfwords.Length; k++) BitConverter.TryWriteBytes(code.AsSpan(k * 2), halfwords[k]);
        var listing = Objdump.Disassemble(code);

        var mismatches = new List<string>();
        for (var k = 0; k < halfwords.Length; k++)
        {
            var address = (ulong)k * 2;
            var h = halfwords[k];
            var ours = InstructionDecoder.Decode16(h);
            Assert.Equal(2, ours.Length);
            if (!listing.TryGetValue(address, out var theirs))
            {
                mismatches.Add($"{h:x4}: objdump printed nothing");
                continue;
            }
            if (theirs.Mnemonic.StartsWith('.'))
            {
                if (ours.Op != Op.Illegal) mismatches.Add($"{h:x4}: ours {Describe(ours)}, objdump {theirs.Mnemonic} {theirs.Operands}");
                continue;
            }
            var expected = CompressedSyntax.Expand(theirs.Mnemonic, theirs.Operands, address);
            if (expected is null)
            {
                mismatches.Add($"{h:x4}: objdump {theirs.Mnemonic} {theirs.Operands} is not in the test's expansion table");
                continue;
            }
            if (ours.Op == Op.Illegal && expected.Value.Op != Op.Illegal && ObjdumpIsLenient(theirs.Mnemonic, h)) continue;
            var actual = CompressedSyntax.Expanded.Of(ours);
            if (actual != expected) mismatches.Add($"{h:x4}: ours {actual}, objdump {theirs.Mnemonic} {theirs.Operands} = {expected}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} halfwords disagree:\n{string.Join("\n", mismatches.Take(60))}");
    }

    [Theory]
    [InlineData(Op.AmoaddW, "amoadd.w")] [InlineData(Op.FcvtWuS, "fcvt.wu.s")] [InlineData(Op.Sh1addUw, "sh1add.uw")]
    [InlineData(Op.FenceI, "fence.i")] [InlineData(Op.SfenceVma, "sfence.vma")] [InlineData(Op.FmvXW, "fmv.x.w")] [InlineData(Op.Rev8, "rev8")]
    public void MnemonicsFollowFromOperationNames(Op op, string mnemonic) => Assert.Equal(mnemonic, ObjdumpSyntax.Mnemonic(op));

    /// <summary>
    /// Encodings we execute that binutils 2.40 rejects, each on the ISA manual's word: FENCE's unused fields and
    /// fm values are to be ignored ("treated as normal fences"), so are FENCE.I's; the exact conversions
    /// fcvt.d.s/.d.w/.d.wu have an rm field like every conversion (binutils 2.41 accepts it too).
    /// </summary>
    private static bool WeAreLenient(in Instruction i) =>
        i.Op is Op.Fence or Op.FenceI || (i.Op is Op.FcvtDS or Op.FcvtDW or Op.FcvtDWu && i.Rm != 0);

    /// <summary>
    /// Encodings objdump names that we reject on purpose: dret (debug mode, not implemented) and
    /// c.addi16sp with nzimm = 0 (reserved by the C extension; binutils 2.40 prints it anyway).
    /// </summary>
    private static bool ObjdumpIsLenient(string mnemonic, uint bits) =>
        mnemonic == "dret" || (mnemonic == "c.addi16sp" && (bits & 0x107c) == 0);

    private static string Describe(in Instruction i) => i.Op == Op.Illegal ? "Illegal" : ObjdumpSyntax.Render(i, 0);

    /// <summary>
    /// Random operand bits. Canonical ones keep FENCE's and FENCE.I's reserved fields zero (else objdump rejects them
    /// all) and give CSR instructions a CSR the hart implements (so names get checked).
    /// </summary>
    private static uint RandomOperands(Random rng, in Encoding e, bool canonical)
    {
        var bits = (uint)rng.NextInt64();
        if (canonical && e.Op == Op.Fence) return bits & 0x0ff0_0000;
        if (canonical && e.Op == Op.FenceI) return 0;
        if (canonical && (e.Match & 0x7f) == 0x73 && (e.Match & 0x3000) != 0)
        {
            ushort[] known = [0x001, 0x002, 0x003, 0xc00, 0xc01, 0xc02, 0x100, 0x104, 0x105, 0x106, 0x140, 0x141, 0x142, 0x143, 0x144, 0x180,
                0xf11, 0xf14, 0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x340, 0x341, 0x342, 0x343, 0x344, 0x3a0, 0x3b0, 0xb00, 0xb02];
            bits = (bits & 0x000f_ffff) | (uint)known[rng.Next(known.Length)] << 20;
        }
        return bits;
    }

    private static void SkipWithoutObjdump()
    {
        if (Objdump.Unavailable() is { } why) Assert.Skip(why);
    }
}
