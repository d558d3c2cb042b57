using Nido.Cpu.RiscV.Jit;
using Nido.Jvm.Jit;
using Nido.Jvm.Runtime;

// nido on CoreCLR with the translators installed: every RISC-V hart created from here on translates hot guest code
// to CIL, and every JVM compiles hot Java methods to CIL.
Nido.Cli.Commands.JitHost.RemoveAddedSettings();
PreferHugePagesForTheHeap();
JitCompiler jvmJit;
try
{
    BlockJit.Install(JitOptions.FromEnvironment());
    JavaVm.DefaultCompiler = jvmJit = JitCompiler.FromEnvironment();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"nido: {e.Message}");
    return 2;
}
// The CLI's own output on plain descriptor streams: Console.Out's first use costs ~1.5 ms of runtime start (its
// SafeFileHandle, the encoding lookup) that a java run otherwise never needs.
var status = Nido.Cli.NidoApp.Run(args, Writer(1), Writer(2));
if (Environment.GetEnvironmentVariable("NIDO_JIT_STATS") == "1")
{
    var (translated, refused, failed) = BlockJit.Statistics;
    var (instructions, time) = BlockJit.Work;
    if (translated + refused + failed > 0)
    {
        var (quickTime, optimizedTime) = BlockJit.CompileTime;
        Console.Error.WriteLine($"nido: jit: {translated} regions ({BlockJit.Optimized} optimized, {instructions} instructions) translated in {time.TotalMilliseconds:F0} ms ({quickTime.TotalMilliseconds:F0} ms compiling quick, {optimizedTime.TotalMilliseconds:F0} optimized), {refused} entries refused, {failed} failed");
    }
    var (methods, loops, methodsRefused, jvmTime) = jvmJit.Statistics;
    if (methods + loops + methodsRefused > 0)
        Console.Error.WriteLine($"nido: jit: {methods} Java methods and {loops} loops compiled in {jvmTime.TotalMilliseconds:F0} ms, {methodsRefused} refused");
    // What .NET itself compiled (Java methods' CIL included): code the precompiled image lacks or the runtime refused.
    Console.Error.WriteLine($"nido: .net jit: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {System.Runtime.JitInfo.GetCompiledILBytes() >> 10} KiB of IL, {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F1} ms");
    // The host's own collections stop every thread, the harts and the translator among them.
    Console.Error.WriteLine($"nido: gc: {GC.CollectionCount(0)} collections ({GC.CollectionCount(1)} of gen1, {GC.CollectionCount(2)} of gen2), {GC.GetTotalPauseDuration().TotalMilliseconds:F1} ms paused, {GC.GetTotalAllocatedBytes() >> 20} MB allocated");
}
return status;

static TextWriter Writer(int fd) =>
    TextWriter.Synchronized(new StreamWriter(new DescriptorStream(fd, ignoreBrokenPipe: true), new System.Text.UTF8Encoding(false)) { AutoFlush = true });

// The GC's memory in 2 MiB pages: the class library's boot fills ~30 MB of fresh heap, and a page fault costs ~2.5 µs
// on a VM; 4 KiB at a time that was a third of the host's faults (Java Hello 93 → 88 ms, binary-trees and nbody -4%).
// The GC reserves one range for all its regions, so the run of mappings around any object is the whole heap.
static unsafe void PreferHugePagesForTheHeap()
{
    var probe = new byte[16];
    fixed (byte* inside = probe) Nido.Linux.MappedMemory.AdviseHugePagesAround((nint)inside);
}
