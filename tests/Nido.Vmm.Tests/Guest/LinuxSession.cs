using System.Diagnostics;
using System.Text;

namespace Nido.Vmm.Tests.Guest;

/// <summary>
/// A Linux guest driven through its serial console: the VMM process starts, the test waits for the init's
/// ready line, types commands, and waits for the guest to power off. The whole console output is kept.
/// </summary>
internal sealed class LinuxSession : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reader;
    private readonly Task _errors;

    private LinuxSession(Process process)
    {
        _process = process;
        _reader = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
                lock (_output) _output.Append(buffer, 0, n);
        });
        _errors = Task.Run(async () =>
        {
            var err = await process.StandardError.ReadToEndAsync();
            lock (_output) _output.Append(err);
        });
    }

    public string Output
    {
        get { lock (_output) return _output.ToString().Replace("\r", ""); }
    }

    public static LinuxSession Start(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return new LinuxSession(Process.Start(info)!);
    }

    /// <summary>Waits up to <paramref name="seconds"/> for <paramref name="text"/>; false (no failure) when it did not come.</summary>
    public async Task<bool> TryWaitFor(string text, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!Output.Contains(text))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline) return false;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return true;
    }

    /// <summary>Waits for <paramref name="text"/> on the console, failing with what was printed after <paramref name="seconds"/>.</summary>
    public async Task WaitFor(string text, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!Output.Contains(text))
        {
            if (_process.HasExited) Assert.Fail($"the VM exited ({_process.ExitCode}) before printing \"{text}\":\n{Output}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"no \"{text}\" within {seconds} s:\n{Output}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Types each command and waits for its marker line, so output of one never mixes with the next.</summary>
    public async Task Run(string command, int seconds = 60)
    {
        var marker = $"done-{Guid.NewGuid():N}"[..13];
        await _process.StandardInput.WriteAsync($"{command}; echo {marker[..5]}''{marker[5..]}\n");
        await _process.StandardInput.FlushAsync();
        await WaitFor(marker + "\n", seconds);
    }

    /// <summary>Types exit and waits for the VM to end; returns its exit code.</summary>
    public async Task<int> Exit(int seconds = 60)
    {
        await _process.StandardInput.WriteAsync("exit\n");
        await _process.StandardInput.FlushAsync();
        return await Ended(seconds);
    }

    /// <summary>Waits for the VM to end by itself; returns its exit code.</summary>
    public async Task<int> Ended(int seconds = 60)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { Assert.Fail($"the VM did not end within {seconds} s:\n{Output}"); }
        await Task.WhenAll(_reader, _errors); // both streams in Output before anyone looks
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
