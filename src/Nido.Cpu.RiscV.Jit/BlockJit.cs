using System.Collections.Concurrent;
using Nido.Cpu.RiscV.Translation;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>
/// The translator harts use when the process can run emitted code (CoreCLR): hot regions are decoded from the
/// page snapshot the hart sent, emitted as CIL and compiled by .NET's JIT on one background thread shared by all
/// harts (or on the hart's thread when synchronous). A region that fails to translate stays interpreted. Regions
/// are first compiled quick (<see cref="QuickMethods"/>) and again, optimized, once they have retired
/// <see cref="JitOptions.TierUp"/> instructions; new regions go first, since their code is interpreted meanwhile.
/// </summary>
public sealed class BlockJit : IBlockTranslator
{
    // New regions first (their code is interpreted meanwhile), then optimized versions of hot quick ones.
    private static readonly BlockingCollection<TranslationRequest>[] Queues =
        [new(new ConcurrentQueue<TranslationRequest>()), new(new ConcurrentQueue<TranslationRequest>())];
    private static readonly Lazy<Thread> Worker = new(StartWorker);
    private static long _translated, _optimized, _failed, _refused, _instructions, _ticks, _quickCompileTicks, _optimizedCompileTicks;

    private readonly JitOptions _options;

    public BlockJit(JitOptions options) => _options = options;

    /// <summary>Makes every hart created from now on translate (null options: none does).</summary>
    public static void Install(JitOptions? options) =>
        Translators.Factory = options is null ? null : _ => new BlockJit(options);

    /// <summary>Regions translated, entries that could not be (their first instruction is a system one), failures.</summary>
    public static (long Translated, long Refused, long Failed) Statistics =>
        (Interlocked.Read(ref _translated), Interlocked.Read(ref _refused), Interlocked.Read(ref _failed));

    /// <summary>How many of the translated regions were compiled optimized (the rest quick).</summary>
    public static long Optimized => Interlocked.Read(ref _optimized);

    /// <summary>Guest instructions in translated regions, and the time spent translating and compiling them.</summary>
    public static (long Instructions, TimeSpan Time) Work =>
        (Interlocked.Read(ref _instructions), System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks)));

    /// <summary>Of <see cref="Work"/>'s time, what .NET's JIT took compiling quick and optimized regions (the rest is decoding and emitting CIL).</summary>
    public static (TimeSpan Quick, TimeSpan Optimized) CompileTime =>
        (System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _quickCompileTicks)),
         System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _optimizedCompileTicks)));

    public int Threshold => _options.Threshold;

    public long TierUp => _options.TierUp;

    public void Request(TranslationRequest request)
    {
        if (_options.Synchronous)
        {
            Translate(request, rethrow: true);
            return;
        }
        _ = Worker.Value;
        Queues[request.Optimize ? 1 : 0].Add(request);
    }

    private static Thread StartWorker()
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                BlockingCollection<TranslationRequest>.TakeFromAny(Queues, out var request);
                Translate(request!, rethrow: false);
            }
        })
        { IsBackground = true, Name = "riscv-jit" };
        thread.Start();
        return thread;
    }

    private static void Translate(TranslationRequest request, bool rethrow)
    {
        TranslatedBlock? block = null;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var region = RegionDecoder.Decode(request.Page, request.EntryOffset);
            if (region is null)
            {
                Interlocked.Increment(ref _refused);
                return;
            }
            var quick = !request.Optimize;
            var code = RegionCompiler.Compile(region, $"riscv@{request.PhysicalPage + (ulong)request.EntryOffset:x}", quick);
            var emitted = System.Diagnostics.Stopwatch.GetTimestamp();
            code(null!, 0); // compiles it here (see RegionCompiler.Emit)
            Interlocked.Add(ref quick ? ref _quickCompileTicks : ref _optimizedCompileTicks, System.Diagnostics.Stopwatch.GetTimestamp() - emitted);
            block = new TranslatedBlock(code, region.Low, request.Page[region.Low..region.High], request.Generation, quick);
            Interlocked.Increment(ref _translated);
            if (!quick) Interlocked.Increment(ref _optimized);
            Interlocked.Add(ref _instructions, region.InstructionCount);
        }
        catch (Exception) when (!rethrow)
        {
            // A translator bug must not take the guest down: the region stays interpreted.
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            Interlocked.Add(ref _ticks, System.Diagnostics.Stopwatch.GetTimestamp() - start);
            request.Hart.InstallTranslation(request, block);
        }
    }
}
