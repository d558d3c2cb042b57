using System.Diagnostics;
using Nido.Tests.Shared;
using Nido.Vmm.Guest;
using Nido.Vmm.Tests.Guest;

namespace Nido.Vmm.Tests.RiscV;

/// <summary>
/// The default riscv64 guest (Debian 13's riscv64 kernel, or sid's where trixie's index fails verification; Nido's initramfs) booted by `nido vm run --arch riscv64`
/// on the emulator through Debian's OpenSBI: the test drives its shell over the UART (uname -m, the hart count),
/// writes an ext4 virtio-blk disk the host then reads with debugfs, pings the host over a TAP, and powers off.
/// </summary>
[Collection(Infrastructure.WholeGuests.Name)]
public sealed class RiscVLinuxTests : IDisposable
{
    private static readonly string Root = Path.Combine(TestPaths.RepoRoot(), "artifacts", "test-cache", "nido-root");
    private static readonly string GuestDir = Path.Combine(Root, "vm", "default-guest-riscv64");
    private static readonly Lazy<(GuestImage? Image, string Why)> Image = new(Assemble);
    private readonly string _dir = Directory.CreateTempSubdirectory("nido-rvlinux").FullName;
    private readonly string _tap = $"nidorv{Environment.ProcessId % 100000}";

    public void Dispose()
    {
        Shell($"ip link del {_tap} 2>/dev/null");
        Directory.Delete(_dir, true);
    }

    private static (GuestImage?, string) Assemble()
    {
        if (!File.Exists("/usr/bin/apt-get") || !File.Exists("/usr/bin/dpkg-deb")) return (null, "no apt-get/dpkg-deb: the riscv64 guest is assembled from Debian packages");
        try { return (RiscVGuest.Ensure(GuestDir), ""); }
        catch (VmmException e) { return (null, $"the riscv64 guest could not be assembled here (it needs Debian's riscv64 archive, trixie or sid): {e.Message}"); }
    }

    [Fact]
    public void AssembledFromDebianPackages()
    {
        var (image, why) = Image.Value;
        Assert.SkipWhen(image is null, why);
        Assert.EndsWith("-riscv64", image!.KernelVersion);
        Assert.True(Nido.Machines.RiscV.RiscVImage.IsImage(File.ReadAllBytes(image.Kernel)), "the kernel is a RISC-V Linux Image");
        // A plain newc archive: the guest does not inflate it at every boot.
        var magic = new byte[6];
        using (var initrd = File.OpenRead(image.Initrd)) initrd.ReadExactly(magic);
        Assert.Equal("070701", System.Text.Encoding.ASCII.GetString(magic));
        if (File.Exists("/usr/bin/cpio"))
        {
            var listing = Shell($"cpio -it < '{image.Initrd}' 2>/dev/null").Split('\n');
            foreach (var entry in new[] { "init", "bin/busybox", "lib/modules/virtio_mmio.ko", "lib/modules/virtio_blk.ko", "lib/modules/ext4.ko", "lib/modules/jbd2.ko" })
                Assert.Contains(entry, listing);
            // busybox is the riscv64 build, not the host's.
            Assert.Contains("RISC-V", Shell($"cd '{_dir}' && cpio -id bin/busybox < '{image.Initrd}' 2>/dev/null && file bin/busybox"));
        }
    }

    [Fact]
    public async Task BootsToAShellOnTheEmulator()
    {
        var (image, why) = Image.Value;
        Assert.SkipWhen(image is null, why);
        Assert.SkipUnless(File.Exists(Nido.Vmm.RiscV.RiscVMachine.DefaultFirmware), "Debian's opensbi is not installed (scripts/setup.sh emu installs it)");
        Assert.SkipUnless(File.Exists("/dev/net/tun"), "/dev/net/tun is missing: no TAP devices on this host");
        Assert.SkipUnless(File.Exists("/usr/sbin/mkfs.ext4") || File.Exists("/sbin/mkfs.ext4"), "e2fsprogs (mkfs.ext4) is not installed");
        var nido = TestPaths.NativeNido();
        var disk = Path.Combine(_dir, "disk.img");
        using (var f = File.Create(disk)) f.SetLength(32L << 20);
        Shell($"mkfs.ext4 -q -F '{disk}' && ip tuntap add dev {_tap} mode tap && ip addr add 10.0.3.1/24 dev {_tap} && ip link set {_tap} up");

        using var session = LinuxSession.Start(nido,
            ["vm", "run", "--arch", "riscv64", "--cpus", "2", "--memory", "256M", "--disk", disk, "--net", $"tap:{_tap}", "--cmdline", "nido.ip=10.0.3.2/24"],
            new Dictionary<string, string> { ["NIDO_ROOT"] = Root });
        await session.WaitFor("nido-init: ready", 240);
        Assert.Contains("OpenSBI", session.Output);
        Assert.Contains("nido-init: /dev/vda mounted on /mnt", session.Output);
        await session.Run("echo arch=$(uname -m)");
        Assert.Contains("arch=riscv64\n", session.Output);
        await session.Run("echo harts=$(grep -c ^processor /proc/cpuinfo)");
        Assert.Contains("harts=2\n", session.Output);
        await session.Run("echo written-by-riscv > /mnt/hello.txt && sync");
        await session.Run("ping -c 2 -W 5 10.0.3.1", seconds: 90);
        Assert.Contains("2 packets transmitted, 2 packets received", session.Output);
        Assert.Equal(0, await session.Exit(seconds: 120));
        Assert.Contains("Power down", session.Output);
        if (File.Exists("/usr/sbin/debugfs")) Assert.Equal("written-by-riscv\n", Shell($"debugfs -R 'cat /hello.txt' '{disk}' 2>/dev/null"));
    }

    [Fact]
    public async Task AKernelPanicEndsTheVm()
    {
        var (image, why) = Image.Value;
        Assert.SkipWhen(image is null, why);
        Assert.SkipUnless(File.Exists(Nido.Vmm.RiscV.RiscVMachine.DefaultFirmware), "Debian's opensbi is not installed (scripts/setup.sh emu installs it)");
        // No init to run: the kernel panics, reboots a second later (panic=1) through OpenSBI's SRST call, and the VM
        // ends with status 1 instead of leaving its hart parked in M-mode.
        using var session = LinuxSession.Start(TestPaths.NativeNido(),
            ["vm", "run", "--arch", "riscv64", "--cmdline", "rdinit=/nonexistent init=/nonexistent"],
            new Dictionary<string, string> { ["NIDO_ROOT"] = Root });
        await session.WaitFor("Kernel panic", 240);
        Assert.Equal(1, await session.Ended(seconds: 60));
        Assert.Contains("guest requested a reset", session.Output);
    }

    private static string Shell(string command)
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
