using System.Text.Json.Nodes;

namespace Nido.Containers.Tests;

/// <summary>An OCI bundle with a busybox rootfs (Debian's busybox-static), made fresh per test and removed after.</summary>
internal sealed class Bundle : IDisposable
{
    public const string Busybox = "/bin/busybox";

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), $"nido-bundle-{Guid.NewGuid():N}");
    public string Rootfs => Path.Combine(Dir, "rootfs");
    public JsonObject Config { get; private set; } = new();

    public static Bundle Create(params string[] args)
    {
        Assert.SkipUnless(File.Exists(Busybox) && IsStatic(Busybox), "busybox-static is not installed (scripts/setup.sh containers installs it)");
        var b = new Bundle();
        var bin = Path.Combine(b.Rootfs, "bin");
        Directory.CreateDirectory(bin);
        File.Copy(Busybox, Path.Combine(bin, "busybox"));
        foreach (var applet in Runtime.Exec(Busybox, "--list").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (applet != "busybox") File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        foreach (var d in new[] { "tmp", "etc", "root" }) Directory.CreateDirectory(Path.Combine(b.Rootfs, d));
        var spec = Runtime.Run("oci", "spec", "--bundle", b.Dir);
        Assert.Equal(0, spec.Code);
        b.Config = JsonNode.Parse(File.ReadAllText(Path.Combine(b.Dir, "config.json")))!.AsObject();
        b.Edit(c =>
        {
            c["process"]!["terminal"] = false;
            c["process"]!["args"] = new JsonArray(args.Select(a => (JsonNode?)a).ToArray());
        });
        return b;
    }

    public void Edit(Action<JsonObject> change)
    {
        change(Config);
        File.WriteAllText(Path.Combine(Dir, "config.json"), Config.ToJsonString());
    }

    private static bool IsStatic(string path) => !Runtime.Exec("/usr/bin/file", "-L", path).Out.Contains("dynamically");

    public void Dispose()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }
}
