using System.Security.Cryptography;
using System.Text;

namespace Nido.Vmm.Guest;

/// <summary>
/// The default riscv64 guest: Debian 13's riscv64 kernel (linux-image-riscv64) and busybox-static for riscv64,
/// fetched with a private apt configuration (<see cref="PrivateApt"/>) from the host's own Debian mirror and
/// unpacked with dpkg-deb, plus Nido's initramfs (the same <see cref="GuestInit"/> as x86) with the virtio-mmio,
/// block, net, rng and ext4 modules of that kernel. Cached like the x86 guest and rebuilt when the recipe changes.
/// </summary>
public static class RiscVGuest
{
    public const string KernelPackage = "linux-image-riscv64";
    public const string Suite = "trixie";
    public const string Architecture = "riscv64";
    /// <summary>
    /// The ns16550a console; reboot one second after a panic (the VM ends through SBI); no crypto self-tests at
    /// boot (seconds of interpreted RSA/ECC arithmetic that prove nothing about the emulated machine).
    /// </summary>
    public const string BaseCommandLine = "console=ttyS0 panic=1 cryptomgr.notests";
    // crc32c_generic: ext4 asks the crypto API for crc32c at mount, which no "depends=" names.
    public static readonly string[] Modules = ["virtio_mmio", "virtio_blk", "virtio_net", "virtio_rng", "crc32c_generic", "ext4"];

    public static GuestImage Ensure(string directory, Action<string>? log = null)
    {
        var cache = new GuestCache(directory, "Image", BaseCommandLine);
        var recipe = Recipe();
        if (cache.Find(recipe) is { } cached) return cached;

        var work = Directory.CreateTempSubdirectory("nido-rvguest-");
        try
        {
            var apt = new PrivateApt(Path.Combine(work.FullName, "apt"), Architecture, Suite);
            log?.Invoke($"default guest: reading Debian {Suite} ({Architecture}) package lists");
            apt.Update();
            var package = apt.DependencyOf(KernelPackage, "linux-image-");
            log?.Invoke($"default guest: downloading {package} and busybox-static ({Architecture})");
            var debs = Directory.CreateDirectory(Path.Combine(work.FullName, "debs")).FullName;
            var files = apt.Download(debs, package, "busybox-static");
            var root = Path.Combine(work.FullName, "root");
            foreach (var deb in files) DefaultGuest.Run("dpkg-deb", work.FullName, "-x", deb, root);
            var image = Directory.GetFiles(Path.Combine(root, "boot"), "vmlinux-*").SingleOrDefault()
                ?? throw new VmmException($"default guest: {package} has no /boot/vmlinux-*");
            var version = Path.GetFileName(image)["vmlinux-".Length..];
            var busybox = new[] { Path.Combine(root, "usr", "bin", "busybox"), Path.Combine(root, "bin", "busybox") }
                .FirstOrDefault(File.Exists) ?? throw new VmmException("default guest: busybox-static has no busybox binary");
            var initramfs = DefaultGuest.BuildInitramfs(KernelModules.InPackage(root, version, package), File.ReadAllBytes(busybox), Modules, unsigned: true);
            var guest = cache.Store(image, initramfs, version, recipe);
            log?.Invoke($"default guest: Linux {version} ({Architecture}) and a {initramfs.Length / 1024} KiB initramfs in {directory}");
            return guest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Recipe()
    {
        var text = $"{GuestInit.Script}\n{string.Join(',', Modules)}\n{BaseCommandLine}\n{Suite}\n{KernelPackage}\nunsigned";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
