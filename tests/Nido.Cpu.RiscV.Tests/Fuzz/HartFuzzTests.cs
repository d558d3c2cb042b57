using Nido.Cpu.RiscV.Csr;
using Nido.Cpu.RiscV.Tests.Infrastructure;

namespace Nido.Cpu.RiscV.Tests.Fuzz;

/// <summary>
/// Guests are untrusted: whatever code, page tables and CSR values they bring, <see cref="Hart.Run"/> must not
/// throw, must not touch host memory outside RAM (guard pages fault, canaries record small overruns), and must
/// send only non-RAM addresses to the bus. Random code runs in M, S and U mode under random satp, trap vectors,
/// delegation and interrupt lines, with host-side CSR writes and device answers mixed in between slices; the
/// same with the binary translator on.
/// </summary>
public sealed class HartFuzzTests
{
    private const int Slices = 40;
    private const long SliceBudget = 500;

    [Theory]
    [InlineData(CodeKind.RandomWords, 100, false)]
    [InlineData(CodeKind.RandomHalfwords, 100, false)]
    [InlineData(CodeKind.ValidInstructions, 200, false)]
    [InlineData(CodeKind.Mixed, 200, false)]
    [InlineData(CodeKind.ValidInstructions, 150, true)]
    [InlineData(CodeKind.Mixed, 150, true)]
    public void RandomGuestsNeverEscapeTheHart(CodeKind kind, int iterations, bool translate)
    {
        iterations = FuzzBudget.Iterations(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var seed = FuzzBudget.Seed((int)kind + 1, i);
            try
            {
                RunOne(kind, seed, translate);
            }
            catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
            {
                throw new InvalidOperationException($"{kind} iteration {i} (seed {seed}): {e.GetType().Name}: {e.Message}", e);
            }
        }
    }

    private static void RunOne(CodeKind kind, int seed, bool translate)
    {
        var rng = new Random(seed);
        var devices = new Random(seed ^ 0x5eed);
        // Translated: every region entry is translated on first use, so the random code runs as CIL.
        using var m = new TestMachine(RandomGuest.RamSize, translate ? new Nido.Cpu.RiscV.Jit.BlockJit(new() { Threshold = 1, Synchronous = true }) : null);
        var guest = new RandomGuest(rng, m);
        m.Bus.Logging = false;
        m.Bus.OnRead = (_, _) => (devices.Next(5) != 0, (ulong)devices.NextInt64());
        m.Bus.OnWrite = (_, _, _) =>
        {
            // Devices raise and lower lines, or stop the hart, from inside a store, as real ones do.
            switch (devices.Next(40))
            {
                case 0: m.Hart.SetInterruptPending(RandomInterrupt(devices), devices.Next(2) == 0); break;
                case 1: m.Hart.RequestStop(); break;
            }
            return devices.Next(5) != 0;
        };

        guest.FillCode(kind);
        guest.FillData();
        guest.RandomRegisters();
        var mode = RandomMode(rng);
        Write(m, CsrAddress.Mstatus, (ulong)rng.NextInt64() & ~MStatus.Mprv); // MPRV would make the trampoline's data accesses translate
        Write(m, CsrAddress.Medeleg, (ulong)rng.NextInt64());
        Write(m, CsrAddress.Mideleg, (ulong)rng.NextInt64());
        Write(m, CsrAddress.Mie, (ulong)rng.NextInt64());
        Write(m, CsrAddress.Mtvec, guest.RandomTvec());
        Write(m, CsrAddress.Stvec, guest.RandomTvec());
        Write(m, CsrAddress.Satp, guest.RandomSatp());
        Write(m, CsrAddress.Mcounteren, (ulong)rng.NextInt64());
        Write(m, CsrAddress.Scounteren, (ulong)rng.NextInt64());
        Reenter(m, rng, mode);

        for (var slice = 0; slice < Slices; slice++)
        {
            m.Clock.Now += (ulong)rng.Next(1000);
            m.Hart.Run(SliceBudget);
            switch (rng.Next(5))
            {
                case 0: m.Hart.SetInterruptPending(RandomInterrupt(rng), rng.Next(2) == 0); break;
                case 1: guest.RandomCsrWrite(); break;
                case 2: // a DMA write into code the hart may have cached
                    var at = (int)(RandomGuest.CodeStart - RandomGuest.Base) + rng.Next((int)RandomGuest.CodeSize - 4);
                    BitConverter.TryWriteBytes(m.Ram.Bytes[at..], guest.ValidWord());
                    break;
            }
            // Random code soon ends up faulting in a loop (through a garbage trap vector, or in M-mode where every
            // trap lands): start it again somewhere, often in another privilege.
            if (m.Hart.Pc - RandomGuest.CodeStart >= RandomGuest.CodeSize || rng.Next(3) == 0)
            {
                if (m.Hart.Mode == PrivilegeMode.Machine) Reenter(m, rng, RandomMode(rng));
                else m.Hart.Pc = RandomCodeAddress(rng);
            }
        }

        Assert.Equal(0ul, m.Hart.GetX(0));
        Assert.True(m.Bus.Violations.Count == 0, string.Join("\n", m.Bus.Violations.Take(10)));
        var stray = m.Ram.CheckCanaries();
        Assert.True(stray is null, $"seed {seed}: {stray}");
    }

    private static PrivilegeMode RandomMode(Random rng) => (PrivilegeMode)new[] { 0, 1, 3 }[rng.Next(3)];

    private static ulong RandomCodeAddress(Random rng) => RandomGuest.CodeStart + (ulong)rng.NextInt64((long)RandomGuest.CodeSize) & ~1UL;

    /// <summary>
    /// From M-mode into <paramref name="mode"/> at a random code address through the trampoline's mret (which a
    /// pending interrupt may pre-empt: that is fine here).
    /// </summary>
    private static void Reenter(TestMachine m, Random rng, PrivilegeMode mode)
    {
        m.Hart.TryReadCsr(CsrAddress.Mstatus, out var status);
        m.Hart.TryWriteCsr(CsrAddress.Mstatus, (status & ~MStatus.Mpp) | (ulong)mode << MStatus.MppShift);
        m.Hart.TryWriteCsr(CsrAddress.Mepc, RandomCodeAddress(rng));
        m.Code(RandomGuest.Base, Asm.Mret);
        m.Hart.Pc = RandomGuest.Base;
    }

    private static int RandomInterrupt(Random rng) => rng.Next(4) == 0 ? rng.Next(16) : new[] { 1, 3, 5, 7, 9, 11 }[rng.Next(6)];

    private static void Write(TestMachine m, ushort csr, ulong value) => m.Hart.TryWriteCsr(csr, value);
}
