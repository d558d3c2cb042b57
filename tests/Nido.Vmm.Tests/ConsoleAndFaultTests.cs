using Nido.Vmm.Config;
using Nido.Vmm.Tests.Infrastructure;

namespace Nido.Vmm.Tests;

/// <summary>The UART in both directions, and guest behaviour that must end the VM cleanly.</summary>
public sealed class ConsoleAndFaultTests
{
    [Fact]
    public void HostInputReachesTheGuestUartEvenBeforeItsDriverStarts()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("echo.elf") }, "first line\r\nsecond\nquit\n");
        Assert.Equal(["ready", "got: first line", "got: second", "got: quit", "bye"], run.Lines.Where(l => l.Length > 0));
        Assert.Equal(0, run.Outcome.ExitCode);
    }

    [Fact]
    public void LongInputWaitsForFifoRoomInsteadOfBeingDropped()
    {
        Guests.RequireKvm();
        var lines = Enumerable.Range(0, 40).Select(i => $"line {i} " + new string('x', 50)).ToList();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("echo.elf") }, string.Join("\n", lines) + "\nquit\n");
        Assert.Equal(lines.Select(l => "got: " + l), run.Lines.Where(l => l.StartsWith("got: line")));
    }

    [Fact]
    public void TripleFaultEndsTheVmWithAReason()
    {
        Guests.RequireKvm();
        var run = GuestRun.Start(new VmConfig { Kernel = Guests.Path("triple.elf") });
        Assert.Contains("triple fault next", run.Lines);
        Assert.NotEqual(0, run.Outcome.ExitCode);
        Assert.Contains("triple fault", run.Outcome.Reason);
    }

    [Fact]
    public void AFileThatIsNoKernelIsRefusedByName()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not a kernel");
            Guests.RequireKvm();
            var e = Assert.Throws<VmmException>(() => X86.X86Machine.Build(new VmConfig { Kernel = file }, new X86.ConsoleStreams(Stream.Null)));
            Assert.Contains(file, e.Message);
            Assert.Contains("not a format", e.Message);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void KernelLargerThanMemoryIsRefused()
    {
        Guests.RequireKvm();
        var dir = Directory.CreateTempSubdirectory("nido-big").FullName;
        try
        {
            var module = Path.Combine(dir, "big");
            File.WriteAllBytes(module, new byte[20 << 20]);
            var e = Assert.Throws<VmmException>(() => X86.X86Machine.Build(
                new VmConfig { Kernel = Guests.Path("mbinfo.elf"), Initrd = module, MemoryBytes = 16UL << 20 }, new X86.ConsoleStreams(Stream.Null)));
            Assert.Contains("not fit", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
