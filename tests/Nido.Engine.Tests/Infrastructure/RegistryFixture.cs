using System.Net;
using System.Net.Sockets;

namespace Nido.Engine.Tests;

/// <summary>
/// Debian's docker-registry on 127.0.0.1 with its own config and storage (it would listen on all interfaces by
/// default), holding an image umoci built (busybox plus a file) and skopeo pushed.
/// </summary>
public sealed class RegistryFixture : IDisposable
{
    public string Dir { get; } = $"/tmp/nido-reg-{Guid.NewGuid():N}"[..22];
    public string? SkipReason { get; }
    public int Port { get; }
    public string Image => $"127.0.0.1:{Port}/test/hello:v1";
    private readonly System.Diagnostics.Process? registry;

    public RegistryFixture()
    {
        foreach (var tool in new[] { "/usr/bin/docker-registry", "/usr/bin/skopeo", "/usr/bin/umoci" })
            if (!File.Exists(tool)) { SkipReason = $"{tool} is not installed (scripts/setup.sh clients installs it)"; return; }
        if (!File.Exists("/bin/busybox")) { SkipReason = "/bin/busybox is missing (busybox-static)"; return; }
        Directory.CreateDirectory(Dir);
        Port = FreePort();
        File.WriteAllText(Path.Combine(Dir, "config.yml"), $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {Dir}/data
            http:
              addr: 127.0.0.1:{Port}
            """);
        registry = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/docker-registry", ["serve", Path.Combine(Dir, "config.yml")])
        { RedirectStandardOutput = true, RedirectStandardError = true });
        registry!.BeginOutputReadLine();
        registry.BeginErrorReadLine();
        using (var http = new HttpClient())
            for (var i = 0; ; i++)
            {
                try { if (http.GetAsync($"http://127.0.0.1:{Port}/v2/").Result.IsSuccessStatusCode) break; }
                catch (AggregateException) { }
                if (i > 100) throw new InvalidOperationException("docker-registry did not start");
                Thread.Sleep(50);
            }
        var layout = Path.Combine(Dir, "layout");
        var bundle = Path.Combine(Dir, "bundle");
        Ok("/usr/bin/umoci", "init", "--layout", layout);
        Ok("/usr/bin/umoci", "new", "--image", layout + ":v1");
        Ok("/usr/bin/umoci", "unpack", "--image", layout + ":v1", bundle);
        Directory.CreateDirectory(Path.Combine(bundle, "rootfs", "bin"));
        File.Copy("/bin/busybox", Path.Combine(bundle, "rootfs", "bin", "busybox"));
        File.CreateSymbolicLink(Path.Combine(bundle, "rootfs", "bin", "sh"), "busybox");
        File.WriteAllText(Path.Combine(bundle, "rootfs", "greeting"), "hello from the registry\n");
        Ok("/usr/bin/umoci", "repack", "--image", layout + ":v1", bundle);
        Ok("/usr/bin/umoci", "config", "--image", layout + ":v1", "--config.cmd", "/bin/busybox", "--config.cmd", "cat", "--config.cmd", "/greeting");
        Ok("/usr/bin/skopeo", "copy", "--quiet", "--dest-tls-verify=false", $"oci:{layout}:v1", $"docker://{Image}");
    }

    /// <summary>The registry's stored copy of a blob (filesystem driver layout).</summary>
    public string BlobData(string digest) => Path.Combine(Dir, "data", "docker", "registry", "v2", "blobs", "sha256", digest[7..9], digest[7..], "data");

    private static void Ok(string file, params string[] args)
    {
        var r = Front.Exec(file, args, null);
        if (r.Code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {r.Err}");
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (registry is { HasExited: false }) { registry.Kill(); registry.WaitForExit(); }
        registry?.Dispose();
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }
}
