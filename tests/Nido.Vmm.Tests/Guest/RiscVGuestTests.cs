using Nido.Vmm.Guest;

namespace Nido.Vmm.Tests.Guest;

/// <summary>
/// How the riscv64 guest reads what apt hands it: the kernel in Debian 13's layout and in the later split
/// packages, and the line of apt's transcript a fallback names.
/// </summary>
public sealed class RiscVGuestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nido-rvguest-test").FullName;

    public void Dispose() => Directory.Delete(_root, true);

    [Fact]
    public void KernelInBootAsDebian13ShipsIt()
    {
        Directory.CreateDirectory(Path.Combine(_root, "boot"));
        File.WriteAllText(Path.Combine(_root, "boot", "vmlinux-6.12.48+deb13-riscv64"), "");
        var (image, version) = RiscVGuest.KernelImage(_root, "linux-image-6.12.48+deb13-riscv64");
        Assert.Equal(Path.Combine(_root, "boot", "vmlinux-6.12.48+deb13-riscv64"), image);
        Assert.Equal("6.12.48+deb13-riscv64", version);
    }

    [Fact]
    public void KernelInUsrLibModulesAsLaterPackagesShipIt()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "usr", "lib", "modules", "7.2.13+deb14-riscv64")).FullName;
        File.WriteAllText(Path.Combine(dir, "vmlinuz"), "");
        Directory.CreateDirectory(Path.Combine(_root, "usr", "lib", "modules", "7.2.13+deb14-riscv64-extra"));
        var (image, version) = RiscVGuest.KernelImage(_root, "linux-image-7.2.13+deb14-riscv64");
        Assert.Equal(Path.Combine(dir, "vmlinuz"), image);
        Assert.Equal("7.2.13+deb14-riscv64", version);
    }

    [Fact]
    public void NoKernelIsNamed()
    {
        var e = Assert.Throws<VmmException>(() => RiscVGuest.KernelImage(_root, "linux-image-x"));
        Assert.Contains("linux-image-x has neither /boot/vmlinux-* nor /usr/lib/modules/*/vmlinuz", e.Message);
    }

    [Fact]
    public void FallbackNamesAptsFetchFailure()
    {
        const string message = "default guest: apt-get -o x update failed (exit 100): E: Failed to fetch http://m/debian/dists/trixie/main/binary-riscv64/Packages.xz  File has unexpected size (9385284 != 9387120). Mirror sync in progress?\n   Hashes of expected file:\n    - Filesize:9387120 [weak]\nE: Some index files failed to download.";
        Assert.Equal("Failed to fetch http://m/debian/dists/trixie/main/binary-riscv64/Packages.xz  File has unexpected size (9385284 != 9387120). Mirror sync in progress?",
            RiscVGuest.FirstError(message));
        Assert.Equal("E: Temporary failure resolving 'm'", RiscVGuest.FirstError("apt-get failed (exit 100): W: x\nE: Temporary failure resolving 'm'"));
    }
}
