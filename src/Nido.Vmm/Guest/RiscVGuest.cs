using System.Security.Cryptography;
using System.Text;

namespace Nido.Vmm.Guest;

/// <summary>
/// The default riscv64 guest: Debian 13's riscv64 kernel (linux-image-riscv64) and busybox-static for riscv64,
/// fetched with a private apt configuration (<see cref="PrivateApt"/>) from the host's own Debian mirror and
/// unpacked with dpkg-deb, plus Nido's initramfs (the same <see cref="GuestInit"/> as x86) with the virtio-mmio,
/// block, net, rng and ext4 modules of that kernel, stored uncompressed: inflating 8 MB was a tenth of the emulated
/// boot. Cached like the x86 guest and rebuilt when the recipe changes.
/// </summary>
public static class RiscVGuest
{
    public const string KernelPackage = "linux-image-riscv64";
    /// <summary>
    /// Debian 13 first. A mirror caught mid-sync can serve a riscv64 index that its signed Release does not vouch
    /// for (apt's "Hash Sum mismatch"), and nothing unverified is ever used; then unstable, which carries the same
    /// kernel package line and busybox-static, is the next verifiable source.
    /// </summary>
    public static readonly string[] Suites = ["trixie", "sid"];
    public const string Architecture = "riscv64";
    /// <summary>
    /// The ns16550a console; reboot one second after a panic (the VM ends through SBI); no crypto self-tests at
    /// boot (seconds of interpreted RSA/ECC arithmetic that prove nothing about the emulated machine).
    /// </summary>
    public const string BaseCommandLine = "console=ttyS0 panic=1 cryptomgr.notests";
    // crc32c: ext4 asks the crypto API for crc32c at mount, which no "depends=" names (crc32c_generic in 6.12,
    // crc32c_cryptoapi in later kernels).
    public static readonly string[] Modules = ["virtio_mmio", "virtio_blk", "virtio_net", "virtio_rng", "crc32c_generic|crc32c_cryptoapi", "ext4"];

    public static GuestImage Ensure(string directory, Action<string>? log = null)
    {
        var cache = new GuestCache(directory, "Image", BaseCommandLine);
        var recipe = Recipe();
        if (cache.Find(recipe) is { } cached) return cached;

        var work = Directory.CreateTempSubdirectory("nido-rvguest-");
        try
        {
            var apt = UpdatedLists(work.FullName, log);
            var package = apt.DependencyOf(KernelPackage, "linux-image-");
            // Newer kernel packages are a shell over linux-binary-ABI (the image) and linux-modules-ABI.
            var abi = package["linux-image-".Length..];
            var parts = apt.Dependencies(package).Where(d => d.StartsWith("linux-", StringComparison.Ordinal) && d.EndsWith(abi, StringComparison.Ordinal));
            log?.Invoke($"default guest: downloading {package} and busybox-static ({Architecture})");
            var debs = Directory.CreateDirectory(Path.Combine(work.FullName, "debs")).FullName;
            var files = apt.Download(debs, [package, .. parts, "busybox-static"]);
            var root = Path.Combine(work.FullName, "root");
            foreach (var deb in files) DefaultGuest.Run("dpkg-deb", work.FullName, "-x", deb, root);
            var (image, version) = KernelImage(root, package);
            var busybox = new[] { Path.Combine(root, "usr", "bin", "busybox"), Path.Combine(root, "bin", "busybox") }
                .FirstOrDefault(File.Exists) ?? throw new VmmException("default guest: busybox-static has no busybox binary");
            var initramfs = DefaultGuest.BuildInitramfs(KernelModules.InPackage(root, version, package), File.ReadAllBytes(busybox), Modules, unsigned: true, compress: false);
            var guest = cache.Store(image, initramfs, version, recipe);
            log?.Invoke($"default guest: Linux {version} ({Architecture}) and a {initramfs.Length / 1024} KiB initramfs in {directory}");
            return guest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The unpacked kernel (an EFI-stub Image either way) and its version: Debian 13 installs /boot/vmlinux-VERSION,
    /// later packages /usr/lib/modules/VERSION/vmlinuz.
    /// </summary>
    internal static (string Image, string Version) KernelImage(string root, string package)
    {
        var boot = Path.Combine(root, "boot");
        if (Directory.Exists(boot) && Directory.GetFiles(boot, "vmlinu?-*") is [var file])
            return (file, Path.GetFileName(file)["vmlinux-".Length..]);
        var modules = Path.Combine(root, "usr", "lib", "modules");
        if (Directory.Exists(modules) && Directory.GetDirectories(modules).Where(d => File.Exists(Path.Combine(d, "vmlinuz"))).ToArray() is [var dir])
            return (Path.Combine(dir, "vmlinuz"), Path.GetFileName(dir));
        throw new VmmException($"default guest: {package} has neither /boot/vmlinux-* nor /usr/lib/modules/*/vmlinuz");
    }

    /// <summary>The first suite whose riscv64 lists download and verify; every failure is named when none does.</summary>
    private static PrivateApt UpdatedLists(string work, Action<string>? log)
    {
        var failures = new List<string>();
        foreach (var suite in Suites)
        {
            var apt = new PrivateApt(Path.Combine(work, "apt-" + suite), Architecture, suite);
            log?.Invoke($"default guest: reading Debian {suite} ({Architecture}) package lists");
            try
            {
                apt.Update();
                return apt;
            }
            catch (VmmException e)
            {
                failures.Add($"{suite}: {e.Message}");
                log?.Invoke($"default guest: Debian {suite}'s {Architecture} lists cannot be used from this mirror ({FirstError(e.Message)})");
            }
        }
        throw new VmmException($"default guest: no Debian suite's {Architecture} lists could be verified from the host's mirror\n{string.Join('\n', failures)}");
    }

    /// <summary>apt's "Failed to fetch" line (the hash mismatch or the unreachable mirror), not its whole transcript.</summary>
    internal static string FirstError(string message)
    {
        var at = message.IndexOf("Failed to fetch", StringComparison.Ordinal);
        var lines = (at < 0 ? message : message[at..]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return at < 0 ? lines[^1] : lines[0];
    }

    private static string Recipe()
    {
        var text = $"{GuestInit.Script}\n{string.Join(',', Modules)}\n{BaseCommandLine}\n{string.Join(',', Suites)}\n{KernelPackage}\nunsigned\nuncompressed";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
