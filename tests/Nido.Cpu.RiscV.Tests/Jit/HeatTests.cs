using Nido.Cpu.RiscV.Tests.Infrastructure;
using Nido.Cpu.RiscV.Translation;
using static Nido.Cpu.RiscV.Tests.Infrastructure.Asm;

namespace Nido.Cpu.RiscV.Tests.Jit;

/// <summary>
/// When the hart asks for a translation: a region entry's heat is the number of instructions interpreted from it
/// (each run up to the next head), so an entry whose runs are long is asked for long before one whose runs are
/// short, however often each is entered.
/// </summary>
public sealed class HeatTests
{
    private const ulong Base = TestMachine.RamBase;
    private const int LongBody = 100;

    /// <summary>Records requests and answers none (the entries stay interpreted).</summary>
    private sealed class Recorder(int threshold) : IBlockTranslator
    {
        public List<(int Offset, ulong Instret)> Requests { get; } = [];
        public Hart? Hart { get; set; }
        public int Threshold => threshold;
        public long TierUp => 0;
        public void Request(TranslationRequest request) => Requests.Add((request.EntryOffset, Hart!.InstructionsRetired));
    }

    [Fact]
    public void EntriesOfLongRunsBecomeHotFirst()
    {
        // loop: call long (100 additions, then return), call short (one addition, then return), repeat.
        const int loop = 0, shortCall = 4, longEntry = 0x100, shortEntry = 0x400;
        var recorder = new Recorder(threshold: 1000);
        using var m = new TestMachine(translator: recorder);
        recorder.Hart = m.Hart;
        m.Code(Base + loop, Jal(1, longEntry - loop), Jal(1, shortEntry - shortCall), Jal(0, loop - 8));
        var body = new uint[LongBody + 1];
        Array.Fill(body, Addi(5, 5, 1));
        body[LongBody] = Ret;
        m.Code(Base + longEntry, body);
        m.Code(Base + shortEntry, Addi(6, 6, 1), Ret);

        Assert.Equal(HartExit.Budget, m.Hart.Run(200_000));

        var firstLong = recorder.Requests.FindIndex(r => r.Offset == longEntry);
        var firstShort = recorder.Requests.FindIndex(r => r.Offset == shortEntry);
        Assert.True(firstLong >= 0, "the long entry was never requested");
        Assert.True(firstShort >= 0, "the short entry was never requested");
        Assert.True(firstLong < firstShort, $"requests in order: {string.Join(", ", recorder.Requests)}");
        // The long entry is hot once about 1000 of its instructions ran (10 calls), not after 1000 calls.
        var longAt = recorder.Requests[firstLong].Instret;
        Assert.True(longAt < 20 * (LongBody + 6), $"the long entry was requested after {longAt} instructions");
        // The short one (2 instructions a run) after about 500 calls, with the threshold's 1000 instructions.
        var shortAt = recorder.Requests[firstShort].Instret;
        Assert.InRange(shortAt, 400UL * (LongBody + 6), 600UL * (LongBody + 6));
    }
}
