using System.Text;
using Nido.Vmm.Config;
using Nido.Vmm.X86;

namespace Nido.Vmm.Tests.Infrastructure;

/// <summary>A guest run in-process: the UART's output as text and the VM's outcome.</summary>
internal sealed record GuestRun(string Output, VmOutcome Outcome)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public static GuestRun Start(VmConfig config, string? input = null, int timeoutSeconds = 60)
    {
        var output = new ConsoleCapture();
        var stdin = input is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var vm = X86Machine.Build(config, new ConsoleStreams(output, stdin));
        var run = Task.Run(vm.Run);
        if (!run.Wait(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            vm.Stop(new VmOutcome(-1, "test timeout"));
            run.Wait();
            Assert.Fail($"the guest did not finish within {timeoutSeconds} s; it printed:\n{output}");
        }
        return new GuestRun(output.ToString(), run.Result);
    }
}

/// <summary>A thread-safe sink for the UART (written from vCPU threads).</summary>
internal sealed class ConsoleCapture : Stream
{
    private readonly MemoryStream _bytes = new();

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (_bytes) _bytes.Write(buffer, offset, count);
    }

    public override void WriteByte(byte value)
    {
        lock (_bytes) _bytes.WriteByte(value);
    }

    public override string ToString()
    {
        lock (_bytes) return Encoding.UTF8.GetString(_bytes.ToArray());
    }

    public override void Flush() { }
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
