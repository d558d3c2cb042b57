namespace Nido.Vmm.Tests.Infrastructure;

/// <summary>
/// Tests that boot whole Linux guests under emulation (QEMU TCG, Nido's RISC-V emulator) need the machine's cores:
/// run beside other CPU-heavy tests, a guest's timer calibration can starve (an x86 kernel under TCG then finds no
/// usable clocksource and stalls). This collection runs alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeGuests
{
    public const string Name = "whole guest boots";
}
