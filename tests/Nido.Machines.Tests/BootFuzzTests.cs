using Nido.Hypervisor.Memory;
using Nido.Machines.Boot;

namespace Nido.Machines.Tests;

/// <summary>
/// Deterministic fuzzing (fixed seeds) of the parsers and loaders that read kernel files, which are user input:
/// every mutant may only be refused with a BootException. A failure lists each distinct escaping exception once,
/// with the input that reproduces it.
/// </summary>
public sealed class BootFuzzTests : IDisposable
{
    private readonly GuestMemory _memory = Ram.Create(fill: 0);
    private readonly Escapes _escapes = new();

    public void Dispose() => _memory.Dispose();

    private sealed class Escapes
    {
        private readonly Dictionary<string, string> _seen = [];

        public int Accepted { get; set; }

        public void Run(string repro, Action action)
        {
            try
            {
                action();
                Accepted++;
            }
            catch (BootException) { }
            catch (Exception e)
            {
                var frame = (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(" Nido.Machines.")) ?? "";
                _seen.TryAdd($"{e.GetType().FullName} @ {frame}", $"{e.GetType().Name}: {e.Message}\n    {frame}\n    first at {repro}");
            }
        }

        public void AssertNone() =>
            Assert.True(_seen.Count == 0, $"{_seen.Count} kind(s) of exception other than BootException:\n  " + string.Join("\n  ", _seen.Values));
    }

    private static readonly uint[] Interesting =
        [0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0x7fff, 0x8000, 0xffff, 0x10000, 0x9fc00, 0xfffff, 0x100000, 0x100200,
         0x3ffffff, 0x4000000, 0x7fffffff, 0x80000000, 0xfffff000, 0xfffffffc, 0xffffffff];

    /// <summary>Every byte of <paramref name="valid"/> set to a few values in turn, then random multi-byte and word mutations.</summary>
    private static IEnumerable<(string How, byte[] Data)> Mutants(byte[] valid, int seed, int randomCount, int hotEnd)
    {
        foreach (var i in Enumerable.Range(0, valid.Length))
            foreach (var v in new byte[] { 0x00, 0xff, 0x80, (byte)(valid[i] ^ 0x01), (byte)(valid[i] + 1) }.Distinct())
            {
                if (v == valid[i]) continue;
                var m = (byte[])valid.Clone();
                m[i] = v;
                yield return ($"byte 0x{i:x} = 0x{v:x2}", m);
            }

        var rng = new Random(seed);
        for (var n = 0; n < randomCount; n++)
        {
            var m = (byte[])valid.Clone();
            var changes = rng.Next(1, 6);
            for (var c = 0; c < changes; c++)
            {
                // Mostly in the headers, where the offsets and sizes are.
                var limit = rng.Next(4) == 0 ? m.Length : Math.Min(hotEnd, m.Length);
                if (rng.Next(2) == 0) m[rng.Next(limit)] = (byte)rng.Next(256);
                else if (limit >= 4) Elf.W32(m, rng.Next(limit / 4) * 4, rng.Next(3) == 0 ? (uint)rng.NextInt64(1L << 32) : Interesting[rng.Next(Interesting.Length)]);
            }
            if (rng.Next(10) == 0) m = m[..rng.Next(m.Length)]; // Truncated.
            yield return ($"seed {seed} mutant {n}", m);
        }
    }

    private static IEnumerable<(string How, byte[] Data)> Blobs(int seed, int count, int maxLength, Action<Random, byte[]>? plant = null)
    {
        var rng = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var b = new byte[rng.Next(maxLength)];
            rng.NextBytes(b);
            plant?.Invoke(rng, b);
            yield return ($"seed {seed} blob {n}", b);
        }
    }

    // --- ElfImage ---

    private void ParseAll(byte[] file)
    {
        var elf = ElfImage.Parse(file, "fuzz.elf");
        _ = elf.Notes(file).Sum(n => n.Descriptor.Length + n.Name.Length);
        _ = elf.ToPhysical(elf.Entry);
    }

    private static byte[] NotedElf(bool is64) => Elf.Build(is64, 0xc0100000, is64 ? (ushort)62 : (ushort)3,
        new Seg(1, 0xc0100000, 0x100000, new byte[24], 0x1000),
        new Seg(4, 0, 0, [.. Elf.Note("Xen", 18, [0, 0, 0x10, 0]), .. Elf.Note("GNU", 3, new byte[20]), .. Elf.Note("", 0, [])]),
        new Seg(4, 0, 0, Elf.Note("Linux", 1, [1, 2, 3])));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ElfParseAndNotesOnlyRefuseWithBootException(bool is64)
    {
        var valid = NotedElf(is64);
        ParseAll(valid);
        foreach (var (how, data) in Mutants(valid, is64 ? 64 : 32, 4000, valid.Length))
            _escapes.Run(how, () => ParseAll(data));
        _escapes.AssertNone();
        Assert.True(_escapes.Accepted > 100, "too few mutants parsed to exercise anything past the header");
    }

    [Fact]
    public void ElfParseOfRandomBlobsOnlyRefusesWithBootException()
    {
        // Half the blobs get a valid ident and ET_EXEC, so the program header checks run on random offsets.
        foreach (var (how, data) in Blobs(7, 5000, 400, (rng, b) =>
                 {
                     if (b.Length < 20 || rng.Next(2) == 0) return;
                     b[0] = 0x7f; b[1] = (byte)'E'; b[2] = (byte)'L'; b[3] = (byte)'F';
                     b[4] = (byte)rng.Next(1, 3); b[5] = 1; b[16] = 2; b[17] = 0;
                 }))
            _escapes.Run(how, () => ParseAll(data));
        _escapes.AssertNone();
    }

    // --- PvhLoader ---

    [Fact]
    public void PvhKernelsOnlyRefuseWithBootException()
    {
        var valid = Elf.Build(true, 0x1000000, 62,
            new Seg(ElfImage.PtLoad, 0x1000000, 0x1000000, [0x90, 0xf4], MemorySize: 0x1000),
            new Seg(ElfImage.PtNote, 0, 0, Elf.Note("Xen", PvhLoader.NotePhys32Entry, [0, 0, 0, 1])));
        PvhLoader.Load(_memory, valid, "fuzz.pvh", "a b", new byte[300], "initrd");
        foreach (var (how, data) in Mutants(valid, 18, 3000, valid.Length))
            _escapes.Run(how, () => PvhLoader.Load(_memory, data, "fuzz.pvh", "a b", new byte[300], "initrd"));
        _escapes.AssertNone();
        Assert.True(_escapes.Accepted > 50, "too few mutants loaded to exercise the start info");
    }

    // --- MultibootLoader ---

    private void Multiboot(byte[] kernel, int modules = 1) =>
        MultibootLoader.Load(_memory, kernel, "fuzz.mb", "a b", modules == 0 ? [] : [new BootModule(new byte[100], "mod"), .. Enumerable.Repeat(new BootModule(new byte[1], "m"), modules - 1)]);

    [Fact]
    public void MultibootElfKernelsOnlyRefuseWithBootException()
    {
        var valid = Mb.ElfKernel(bss: 0x1000);
        Multiboot(valid);
        foreach (var (how, data) in Mutants(valid, 1, 3000, 0x60))
            _escapes.Run(how, () => Multiboot(data));
        _escapes.AssertNone();
    }

    [Fact]
    public void MultibootAoutKernelsOnlyRefuseWithBootException()
    {
        var valid = Mb.AoutKernel(0x200000, 0x20, 0x400, 0x200300, 0x201000, 0x200040);
        Multiboot(valid);
        foreach (var (how, data) in Mutants(valid, 2, 2000, 0x40))
            _escapes.Run(how, () => Multiboot(data));

        // Headers that hold (valid checksum) with lying addresses: the mutants above mostly break the checksum.
        var rng = new Random(3);
        for (var n = 0; n < 4000; n++)
        {
            var size = rng.Next(44, 0x3000);
            var at = rng.Next(0, (Math.Min(size, 8192) - 12) / 4 + 1) * 4;
            var k = new byte[size];
            rng.NextBytes(k);
            uint Pick() => rng.Next(3) switch
            {
                0 => Interesting[rng.Next(Interesting.Length)],
                1 => (uint)(0x200000 + rng.Next(-0x4000, 0x4000)),
                _ => (uint)rng.NextInt64(1L << 32),
            };
            var load = Pick();
            var header = Mb.Header((uint)rng.Next(8) | 1u << 16, rng.Next(2) == 0 ? load + (uint)at : Pick(), load, Pick(), Pick(), Pick());
            header.AsSpan(0, Math.Min(header.Length, size - at)).CopyTo(k.AsSpan(at));
            _escapes.Run($"seed 3 header {n}", () => Multiboot(k, rng.Next(3)));
        }
        _escapes.AssertNone();
    }

    [Fact]
    public void MultibootRandomBlobsOnlyRefuseWithBootException()
    {
        foreach (var (how, data) in Blobs(4, 3000, 0x800, (rng, b) =>
                 {
                     var h = Mb.Header(rng.Next(2) == 0 ? 3u : (uint)rng.Next());
                     if (b.Length < h.Length) return;
                     h.CopyTo(b, rng.Next((b.Length - h.Length) / 4 + 1) * 4);
                     if (b.Length < 84 || rng.Next(2) == 0) return;
                     Mb.ElfKernel()[..52].CopyTo(b, 0); // A valid ELF header over a random PT_LOAD at 52.
                     Elf.W32(b, 52, 1);
                     for (var f = 56; f < 76; f += 4)
                         if (rng.Next(2) == 0) Elf.W32(b, f, Interesting[rng.Next(Interesting.Length)]);
                 }))
            _escapes.Run(how, () => Multiboot(data));
        _escapes.AssertNone();
    }

    // --- LinuxLoader ---

    private void Linux(byte[] kernel, byte[]? initrd) =>
        LinuxLoader.Load(_memory, kernel, "fuzz.bz", "console=ttyS0", initrd ?? [], initrd is null ? null : "fuzz.initrd");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LinuxBzImagesOnlyRefuseWithBootException(bool withInitrd)
    {
        var valid = BzImage.Build(setupSects: 1, payloadSize: 0x100, initSize: 0x2000);
        var initrd = withInitrd ? new byte[0x1800] : null;
        Linux(valid, initrd);
        foreach (var (how, data) in Mutants(valid, withInitrd ? 5 : 6, 3000, 0x268))
            _escapes.Run(how, () => Linux(data, initrd));
        _escapes.AssertNone();
    }

    [Fact]
    public void LinuxRandomBlobsOnlyRefuseWithBootException()
    {
        var header = BzImage.Build()[0x1f1..0x268];
        foreach (var (how, data) in Blobs(8, 3000, 0x1400, (rng, b) =>
                 {
                     if (b.Length < 0x268 || rng.Next(3) == 0) return;
                     header.CopyTo(b, 0x1f1);
                     b[BzImage.SetupSects] = (byte)rng.Next(8);
                 }))
            _escapes.Run(how, () => Linux(data, data.Length % 2 == 0 ? data[..(data.Length / 3)] : null));
        _escapes.AssertNone();
    }
}
