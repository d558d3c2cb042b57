using System.Diagnostics;
using System.Text;
using Nido.Vmm.Guest;

namespace Nido.Vmm.Tests.Guest;

/// <summary>The pieces of the default guest's initramfs: the newc writer (checked with GNU cpio) and module ordering.</summary>
public sealed class InitramfsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-initramfs").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void CpioListsWhatTheWriterWrote()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/cpio") || File.Exists("/bin/cpio"), "GNU cpio is not installed (scripts/setup.sh guests installs it)");
        var archive = Path.Combine(_dir, "a.cpio");
        using (var file = File.Create(archive))
        {
            var cpio = new CpioWriter(file);
            cpio.Directory("bin");
            cpio.File("bin/hello", "hi\n"u8, 0x1ed);
            cpio.File("odd", "12345"u8); // Data that needs padding.
            cpio.Symlink("bin/sh", "hello");
            cpio.CharDevice("console", 5, 1);
            cpio.Finish();
        }
        Assert.Equal(0, new FileInfo(archive).Length % 4);
        var listing = Run("cpio", "-itv", archive);
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("drwxr-xr-x") && l.EndsWith(" bin"));
        Assert.Contains(lines, l => l.StartsWith("-rwxr-xr-x") && l.Contains(" 3 ") && l.EndsWith(" bin/hello"));
        Assert.Contains(lines, l => l.StartsWith("lrwxrwxrwx") && l.EndsWith(" bin/sh -> hello"));
        Assert.Contains(lines, l => l.StartsWith("crw-------") && l.Contains("5,") && l.EndsWith(" console"));
        Assert.Equal("12345", Run("cpio", "-i", "--to-stdout", "odd", archive));
    }

    [Fact]
    public void NamesMustBeRelative()
    {
        var cpio = new CpioWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => cpio.File("/etc/passwd", []));
        Assert.Throws<ArgumentException>(() => cpio.Directory(""));
    }

    private string Module(string file, string depends)
    {
        var dir = Path.Combine(_dir, "kernel", "drivers");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, file);
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes($"\u007fELF...\0license=GPL\0depends={depends}\0vermagic=6.1\0"));
        return path;
    }

    [Fact]
    public void ModulesLoadAfterTheirDependencies()
    {
        Module("virtio.ko", "");
        Module("virtio_ring.ko", "virtio");
        Module("failover.ko", "");
        Module("net_failover.ko", "failover");
        Module("virtio_net.ko", "net_failover,virtio_ring,virtio");
        Module("virtio-rng.ko", "virtio,virtio_ring");
        var modules = new KernelModules(Path.Combine(_dir, "kernel"));
        Assert.Equal(["virtio", "virtio_ring", "virtio_rng", "failover", "net_failover", "virtio_net"], modules.InLoadOrder(["virtio_rng", "virtio_net"]));
        Assert.EndsWith("virtio-rng.ko", modules.PathOf("virtio-rng"));
        Assert.Contains("no module virtio_fs", Assert.Throws<VmmException>(() => modules.InLoadOrder(["virtio_fs"])).Message);
    }

    [Fact]
    public void AlternativeNamesTakeTheFirstThePackageHas()
    {
        Module("crc32c-cryptoapi.ko", "");
        Module("ext4.ko", "");
        var modules = new KernelModules(Path.Combine(_dir, "kernel"));
        Assert.Equal(["crc32c_cryptoapi", "ext4"], modules.InLoadOrder(["crc32c_generic|crc32c_cryptoapi", "ext4"]));
        Assert.Contains("no module a_gone", Assert.Throws<VmmException>(() => modules.InLoadOrder(["a_gone|b_gone"])).Message);
    }

    [Fact]
    public void CompressedModulesAreUnpackedWithXz()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/xz"), "xz (xz-utils) is not installed");
        Module("virtio.ko", "");
        var packed = Module("virtio_ring.ko", "virtio");
        var plain = File.ReadAllBytes(packed);
        using (var xz = Process.Start("xz", ["-z", packed])) xz.WaitForExit();
        var modules = new KernelModules(Path.Combine(_dir, "kernel"));
        Assert.Equal(["virtio", "virtio_ring"], modules.InLoadOrder(["virtio_ring"]));
        Assert.EndsWith("virtio_ring.ko.xz", modules.PathOf("virtio_ring"));
        Assert.Equal(plain, modules.Bytes("virtio_ring"));
    }

    [Fact]
    public void AppendedSignaturesAreStripped()
    {
        var body = Encoding.ASCII.GetBytes("\u007fELF module body");
        var signature = new byte[300];
        Random.Shared.NextBytes(signature);
        var info = new byte[12];
        info[2] = 2; // PKEY_ID_PKCS7
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(8), (uint)signature.Length);
        byte[] signed = [.. body, .. signature, .. info, .. Encoding.ASCII.GetBytes("~Module signature appended~\n")];
        Assert.Equal(body, KernelModules.WithoutSignature(signed));
        Assert.Equal(body, KernelModules.WithoutSignature(body)); // unsigned stays as it is
    }

    [Fact]
    public void DependencyCyclesAreRefused()
    {
        Module("a.ko", "b");
        Module("b.ko", "a");
        Assert.Contains("depends on itself", Assert.Throws<VmmException>(() => new KernelModules(Path.Combine(_dir, "kernel")).InLoadOrder(["a"])).Message);
    }

    private static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in args.Take(args.Length - 1)) info.ArgumentList.Add(a);
        info.RedirectStandardInput = true;
        using var p = Process.Start(info)!;
        using (var input = File.OpenRead(args[^1])) input.CopyTo(p.StandardInput.BaseStream);
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{program} failed");
        return stdout;
    }
}
