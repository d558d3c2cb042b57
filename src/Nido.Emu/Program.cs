using Nido.Cpu.RiscV.Jit;

// nido on CoreCLR with the RISC-V binary translator: every hart created from here on translates hot code to CIL.
try
{
    BlockJit.Install(JitOptions.FromEnvironment());
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"nido: {e.Message}");
    return 2;
}
var status = Nido.Cli.NidoApp.Run(args, Console.Out, Console.Error);
if (Environment.GetEnvironmentVariable("NIDO_JIT_STATS") == "1")
{
    var (translated, refused, failed) = BlockJit.Statistics;
    var (instructions, time) = BlockJit.Work;
    Console.Error.WriteLine($"nido: jit: {translated} regions ({instructions} instructions) translated in {time.TotalMilliseconds:F0} ms, {refused} entries refused, {failed} failed");
}
return status;
