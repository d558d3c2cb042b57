using System.Diagnostics;

namespace Nido.Engine.Tests;

/// <summary>
/// The native nido with a private data root ($NIDO_ROOT) per instance; on dispose every container is force-removed
/// and the absence of leftovers (mounts, runtime state, monitor processes) is asserted.
/// </summary>
public sealed class Front : IDisposable
{
    public sealed record Result(int Code, string Out, string Err);

    public string Root { get; } = $"/tmp/nido-eng-{Guid.NewGuid():N}"[..22];

    public static string Binary() => global::Nido.Tests.Shared.TestPaths.NativeNido();

    public static void RequireRoot() => Assert.SkipUnless(Environment.UserName == "root", "the front end needs root here (rootless containers are not supported yet)");

    public Result Nido(params string[] args) => Exec(Binary(), args, null, ("NIDO_ROOT", Root));

    public Result NidoWithInput(string stdin, params string[] args) => Exec(Binary(), args, stdin, ("NIDO_ROOT", Root));

    public Result NidoWithEnv((string, string)[] env, params string[] args) => Exec(Binary(), args, null, [("NIDO_ROOT", Root), .. env]);

    /// <summary>Under a pseudo-terminal (script(1)), as `-t` needs.</summary>
    public Result NidoInTerminal(params string[] args)
    {
        Assert.SkipUnless(File.Exists("/usr/bin/script"), "script(1) is missing (bsdutils)");
        var line = string.Join(' ', new[] { Binary() }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        return Exec("/usr/bin/script", ["-qec", line, "/dev/null"], null, ("NIDO_ROOT", Root));
    }

    public static Result Exec(string file, string[] args, string? stdin, params (string Name, string Value)[] env)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (name, value) in env) psi.Environment[name] = value;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(90_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish in 90 s");
        }
        return new Result(p.ExitCode, output.Result, error.Result);
    }

    /// <summary>The record of a container, as the front end keeps it.</summary>
    public System.Text.Json.Nodes.JsonNode Record(string id) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "containers", id, "container.json")))!;

    public string[] ContainerIds() => Directory.Exists(Path.Combine(Root, "containers"))
        ? Directory.GetDirectories(Path.Combine(Root, "containers")).Select(d => Path.GetFileName(d)).ToArray()
        : [];

    public void AssertNoLeftovers()
    {
        var mounts = File.ReadAllText("/proc/self/mountinfo");
        Assert.DoesNotContain(Root, mounts);
        var run = Path.Combine(Root, "run");
        Assert.True(!Directory.Exists(run) || Directory.GetDirectories(run).Length == 0, $"runtime state left in {run}");
        var monitors = Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Where(d =>
        {
            try { return File.ReadAllText(Path.Combine(d, "environ")).Contains(Root); } catch (Exception) { return false; }
        }).ToList();
        Assert.True(monitors.Count == 0, $"processes with NIDO_ROOT={Root} still alive: {string.Join(' ', monitors)}");
    }

    public void Dispose()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var id in ContainerIds()) Nido("rm", "-f", id);
        try { AssertNoLeftovers(); }
        finally
        {
            foreach (var line in File.ReadAllLines("/proc/self/mountinfo").Where(l => l.Contains(Root)))
                Exec("/bin/umount", ["-l", line.Split(' ')[4]], null);
            Directory.Delete(Root, recursive: true);
        }
    }
}
