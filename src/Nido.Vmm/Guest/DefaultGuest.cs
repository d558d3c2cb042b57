using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Nido.Vmm.Guest;

/// <summary>The default guest's files: a Debian kernel, Nido's initramfs for it, and the command line it boots with.</summary>
public sealed record GuestImage(string Kernel, string Initrd, string KernelVersion, string CommandLine);

/// <summary>
/// Assembles the default guest from Debian packages: the kernel of linux-image-cloud-amd64 (downloaded with
/// apt-get and unpacked with dpkg-deb, never installed on the host) and an initramfs Nido writes itself:
/// busybox from busybox-static, the virtio modules of that same kernel with their dependencies, and
/// <see cref="GuestInit"/>. The result is cached under the data root and rebuilt when the recipe changes.
/// </summary>
public static class DefaultGuest
{
    public const string KernelPackage = "linux-image-cloud-amd64";
    public const string Busybox = "/bin/busybox";
    /// <summary>Serial console, reboot through the keyboard controller, reboot (so the VM ends) one second after a panic.</summary>
    public const string BaseCommandLine = "console=ttyS0 reboot=k panic=1 pci=off";
    /// <summary>virtio_pci rides along so the same initramfs also boots on QEMU's PC machines.</summary>
    public static readonly string[] Modules = ["virtio_mmio", "virtio_pci", "virtio_blk", "virtio_net", "virtio_console", "virtio_rng"];

    /// <summary>The cached guest under <paramref name="directory"/>, assembled first when absent or stale.</summary>
    public static GuestImage Ensure(string directory, Action<string>? log = null)
    {
        var cache = new GuestCache(directory, "vmlinuz", BaseCommandLine);
        var recipe = Recipe();
        if (cache.Find(recipe) is { } cached) return cached;

        if (!File.Exists(Busybox)) throw new VmmException($"default guest: {Busybox} is missing (Debian package busybox-static; scripts/setup.sh containers installs it)");
        var work = Directory.CreateTempSubdirectory("nido-guest-");
        try
        {
            var package = KernelPackageName();
            log?.Invoke($"default guest: downloading {package} (the kernel of {KernelPackage})");
            Run("apt-get", work.FullName, "download", "-q", package);
            var deb = Directory.GetFiles(work.FullName, "*.deb").SingleOrDefault() ?? throw new VmmException($"default guest: apt-get download {package} left no .deb");
            var root = Path.Combine(work.FullName, "root");
            Run("dpkg-deb", work.FullName, "-x", deb, root);
            var vmlinuz = Directory.GetFiles(Path.Combine(root, "boot"), "vmlinuz-*").SingleOrDefault() ?? throw new VmmException($"default guest: {package} has no /boot/vmlinuz-*");
            var version = Path.GetFileName(vmlinuz)["vmlinuz-".Length..];
            var image = BuildInitramfs(KernelModules.InPackage(root, version, package), Busybox);
            var guest = cache.Store(vmlinuz, image, version, recipe);
            log?.Invoke($"default guest: Linux {version} and a {image.Length / 1024} KiB initramfs in {directory}");
            return guest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The gzip-compressed newc initramfs: busybox, the modules in load order, /init.</summary>
    public static byte[] BuildInitramfs(KernelModules modules, string busybox) => BuildInitramfs(modules, File.ReadAllBytes(busybox), Modules);

    /// <summary>The initramfs for a kernel's <paramref name="modules"/>, with <paramref name="wanted"/> and their dependencies.</summary>
    /// <param name="unsigned">Drop the modules' appended signatures (see <see cref="KernelModules.WithoutSignature"/>).</param>
    /// <param name="compress">gzip the archive; a plain newc archive saves the guest inflating it (8 MB) at every boot.</param>
    public static byte[] BuildInitramfs(KernelModules modules, byte[] busybox, IEnumerable<string> wanted, bool unsigned = false, bool compress = true)
    {
        var order = modules.InLoadOrder(wanted);
        using var buffer = new MemoryStream();
        using var gzip = compress ? new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true) : null;
        var cpio = new CpioWriter(gzip ?? (Stream)buffer);
        foreach (var dir in new[] { "bin", "dev", "etc", "etc/nido", "lib", "lib/modules", "mnt", "proc", "root", "sbin", "sys", "tmp", "usr", "usr/bin", "usr/sbin" })
            cpio.Directory(dir, dir == "tmp" ? 0x3ff : 0x1ed);
        cpio.CharDevice("dev/console", 5, 1);
        cpio.CharDevice("dev/null", 1, 3, 0x1b6);
        cpio.File("bin/busybox", busybox, 0x1ed);
        cpio.Symlink("bin/sh", "busybox");
        foreach (var name in order)
            cpio.File($"lib/modules/{name}.ko", unsigned ? KernelModules.WithoutSignature(modules.Bytes(name)) : modules.Bytes(name));
        cpio.File("etc/nido/modules", Encoding.ASCII.GetBytes(string.Join('\n', order) + "\n"));
        cpio.File("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"u8);
        cpio.File("etc/group", "root:x:0:\n"u8);
        cpio.File("init", Encoding.ASCII.GetBytes(GuestInit.Script.Replace("\r", "") + "\n"), 0x1ed);
        cpio.Finish();
        gzip?.Dispose(); // flushes the gzip trailer into the buffer before it is read
        return buffer.ToArray();
    }

    /// <summary>What the initramfs is made of; a change (new init, other modules, another busybox) rebuilds it.</summary>
    private static string Recipe()
    {
        var busybox = File.Exists(Busybox) ? $"{new FileInfo(Busybox).Length}:{File.GetLastWriteTimeUtc(Busybox).Ticks}" : "none";
        var text = $"{GuestInit.Script}\n{string.Join(',', Modules)}\n{BaseCommandLine}\n{busybox}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The versioned package the metapackage depends on (linux-image-6.1.0-N-cloud-amd64).</summary>
    private static string KernelPackageName()
    {
        var output = Run("apt-cache", Environment.CurrentDirectory, "depends", "--important", KernelPackage);
        foreach (var line in output.Split('\n'))
        {
            var text = line.Trim();
            if (text.StartsWith("Depends:") && text["Depends:".Length..].Trim() is { Length: > 0 } name && name.StartsWith("linux-image-"))
                return name;
        }
        throw new VmmException($"default guest: apt-cache knows no kernel for {KernelPackage} (is Debian's archive in the apt sources?)");
    }

    internal static string Run(string program, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(info) ?? throw new VmmException($"default guest: cannot start {program}"); }
        catch (System.ComponentModel.Win32Exception e) { throw new VmmException($"default guest: cannot run {program}: {e.Message} (the default guest is assembled with Debian's apt and dpkg; pass --kernel otherwise)"); }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new VmmException($"default guest: {program} {string.Join(' ', args)} failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
            return stdout;
        }
    }
}
