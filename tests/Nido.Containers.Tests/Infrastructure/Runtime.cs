using System.Diagnostics;

namespace Nido.Containers.Tests;

/// <summary>Runs the published native nido as its callers do (test.sh sets NIDO_BIN), with a private --root.</summary>
internal static class Runtime
{
    public sealed record Result(int Code, string Out, string Err);

    public static string Binary() => Nido.Tests.Shared.TestPaths.NativeNido();

    public static void RequireRoot() =>
        Assert.SkipUnless(Environment.UserName == "root", "containers need root here (rootless containers are not supported yet)");

    public static Result Run(params string[] args) => Exec(Binary(), args);

    /// <summary>`run` of a shell script in a fresh busybox bundle (optionally edited, or its rootfs chowned), with a leftover check.</summary>
    public static Result RunInside(string script, Action<System.Text.Json.Nodes.JsonObject>? edit = null, string? rootfsOwner = null)
    {
        RequireRoot();
        using var bundle = Bundle.Create("sh", "-c", script);
        if (edit is not null) bundle.Edit(edit);
        if (rootfsOwner is not null) Assert.Equal(0, Exec("/bin/chown", "-R", rootfsOwner, bundle.Rootfs).Code);
        using var root = new RuntimeRoot();
        // A unique id: the default cgroupsPath is "/ID", and tests running side by side under one id would share a
        // cgroup, where one delete's sweep of stragglers SIGKILLs the other's container.
        var r = root.Oci("run", "--bundle", bundle.Dir, $"inside-{Guid.NewGuid():N}"[..19]);
        root.AssertNoLeftovers(bundle);
        return r;
    }

    public static Result Exec(string file, params string[] args) => ExecWithInput(file, null, args);

    public static Result Exec(string file, string[] args, params (string Name, string Value)[] env) => ExecWithInput(file, null, args, env);

    public static Result ExecWithInput(string file, string? stdin, string[] args, params (string Name, string Value)[] env)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var (name, value) in env) psi.Environment[name] = value;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish in 60 s");
        }
        return new Result(p.ExitCode, output.Result, error.Result);
    }
}

/// <summary>A private runtime root per test; on dispose, asserts nothing was left behind.</summary>
internal sealed class RuntimeRoot : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine("/run", $"nido-test-{Guid.NewGuid():N}");

    public Runtime.Result Oci(params string[] args) => Runtime.Run(["oci", "--root", Path, .. args]);

    public Runtime.Result OciWithInput(string stdin, params string[] args) => Runtime.ExecWithInput(Runtime.Binary(), stdin, ["oci", "--root", Path, .. args]);

    /// <summary>
    /// A verb that leaves a container behind (`create`, `run -d`), with stdio on /dev/null and a file, as conmon
    /// gives it descriptors of its own: the container must not hold the test's pipes open.
    /// </summary>
    public Runtime.Result OciDetached(params string[] args)
    {
        var err = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nido-err-{Guid.NewGuid():N}");
        try
        {
            var r = Runtime.Exec("/bin/sh", ["-c", "exec \"$@\" </dev/null >/dev/null 2>\"$NIDO_ERR\"", "sh", Runtime.Binary(), "oci", "--root", Path, .. args],
                ("NIDO_ERR", err));
            return r with { Err = File.Exists(err) ? File.ReadAllText(err) : "" };
        }
        finally { File.Delete(err); }
    }

    public void RunDetached(Bundle bundle, string id)
    {
        var r = OciDetached("run", "-d", "--bundle", bundle.Dir, id);
        Assert.True(r.Code == 0, r.Err);
    }

    /// <summary>`create` must fail with one error line containing <paramref name="expected"/>, and leave nothing behind.</summary>
    public void AssertCreateFails(Bundle bundle, string id, string expected)
    {
        var r = OciDetached("create", "--bundle", bundle.Dir, id);
        Assert.Equal(1, r.Code);
        var line = Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("nido: ", line);
        Assert.Contains(expected, line);
        AssertNoLeftovers(bundle);
    }

    public void AssertNoLeftovers(Bundle bundle)
    {
        Assert.True(!Directory.Exists(Path) || Directory.GetFileSystemEntries(Path).Length == 0, $"state left in {Path}");
        var mounts = File.ReadAllText("/proc/self/mountinfo");
        Assert.DoesNotContain(bundle.Dir, mounts);
    }

    public void Dispose()
    {
        if (!Directory.Exists(Path)) return;
        foreach (var id in Directory.GetDirectories(Path)) Oci("delete", "--force", System.IO.Path.GetFileName(id));
        Directory.Delete(Path, recursive: true);
    }
}
