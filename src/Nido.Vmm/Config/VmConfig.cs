namespace Nido.Vmm.Config;

public enum Accelerator { Kvm, Emu }

public enum Architecture { X86_64, RiscV64 }

/// <summary>Which device the host terminal's input goes to; the UART's output reaches the terminal either way.</summary>
public enum ConsoleDevice { Serial, Virtio }

/// <summary>What the user asked for: immutable, checked once by <see cref="Validate"/> before anything is built.</summary>
public sealed record VmConfig
{
    public const int MaxCpus = 64;
    public const ulong MinMemory = 16UL << 20;
    public const int MaxVirtioDevices = 8;

    public required string Kernel { get; init; }

    /// <summary>An initrd for Linux; for Multiboot kernels, QEMU's syntax: modules separated by commas, each "PATH [ARGS]".</summary>
    public string? Initrd { get; init; }

    public string CommandLine { get; init; } = "";

    public int Cpus { get; init; } = 1;

    public ulong MemoryBytes { get; init; } = 256UL << 20;

    public bool HugePages { get; init; }

    public IReadOnlyList<Nido.Devices.Virtio.Block.BlockConfig> Disks { get; init; } = [];

    public IReadOnlyList<Nido.Devices.Virtio.Net.NetConfig> Networks { get; init; } = [];

    /// <summary>Attach a virtio-rng device (on by default: guests boot faster with entropy).</summary>
    public bool Rng { get; init; } = true;

    /// <summary>The entropy device's limits (Firecracker's /entropy rate_limiter), or null for none.</summary>
    public Nido.Devices.RateLimit.RateLimiterConfig? RngRateLimit { get; init; }

    public ConsoleDevice Console { get; init; } = ConsoleDevice.Serial;

    public Accelerator Accel { get; init; } = Accelerator.Kvm;

    public Architecture Arch { get; init; } = Architecture.X86_64;

    /// <summary>The value of <see cref="Bios"/> that means no firmware: the kernel is entered in M-mode.</summary>
    public const string BiosNone = "none";

    /// <summary>riscv64 firmware: a path, <see cref="BiosNone"/>, or null for the default (Debian's OpenSBI).</summary>
    public string? Bios { get; init; }

    public VmConfig Validate()
    {
        if (string.IsNullOrEmpty(Kernel)) throw new VmmException("kernel: a kernel image is required");
        if (!File.Exists(Kernel)) throw new VmmException($"kernel: {Kernel} does not exist");
        if (Cpus < 1 || Cpus > MaxCpus) throw new VmmException($"cpus: {Cpus} is outside 1–{MaxCpus}");
        if (MemoryBytes < MinMemory) throw new VmmException($"memory: {MemoryBytes >> 20} MiB is below the minimum of {MinMemory >> 20} MiB");
        var align = HugePages ? 2UL << 20 : 4096UL;
        if (MemoryBytes % align != 0) throw new VmmException($"memory: {MemoryBytes} bytes is not a multiple of {align} bytes");
        foreach (var disk in Disks)
            if (!File.Exists(disk.Path)) throw new VmmException($"disk: {disk.Path} does not exist");
        if (Disks.Count + Networks.Count + (Rng ? 1 : 0) + (Console == ConsoleDevice.Virtio ? 1 : 0) > MaxVirtioDevices)
            throw new VmmException($"devices: at most {MaxVirtioDevices} virtio devices (disks, network interfaces, rng, console)");
        foreach (var group in Networks.GroupBy(n => n.Id).Where(g => g.Count() > 1)) throw new VmmException($"net: interface id {group.Key} is used twice");
        if (Arch == Architecture.RiscV64 && Accel != Accelerator.Emu)
            throw new VmmException("accel: riscv64 guests run on the emulator (--accel emu); KVM here runs x86_64 guests only");
        if (Arch == Architecture.X86_64 && Accel != Accelerator.Kvm) throw new VmmException("accel: the emulator runs riscv64 guests; x86_64 guests need --accel kvm");
        if (Arch == Architecture.X86_64 && Bios is not null) throw new VmmException("bios: --bios applies to riscv64 guests only");
        if (Arch == Architecture.RiscV64 && HugePages) throw new VmmException("huge-pages: not available for the emulator's RAM");
        return this;
    }

    /// <summary>Parses --disk FILE[,ro][,id=ID].</summary>
    public static Nido.Devices.Virtio.Block.BlockConfig ParseDisk(string text)
    {
        var parts = text.Split(',');
        if (parts[0].Length == 0) throw new VmmException($"disk: \"{text}\" has no file");
        var readOnly = false;
        string? id = null;
        foreach (var option in parts.Skip(1))
        {
            if (option is "ro" or "readonly") readOnly = true;
            else if (option is "rw") readOnly = false;
            else if (option.StartsWith("id=", StringComparison.Ordinal)) id = option[3..];
            else throw new VmmException($"disk: unknown option \"{option}\" in \"{text}\" (ro, rw, id=ID)");
        }
        return new Nido.Devices.Virtio.Block.BlockConfig(parts[0], readOnly, id);
    }

    /// <summary>Parses --net none | tap | tap:NAME[,mac=MAC]; null for none.</summary>
    public static Nido.Devices.Virtio.Net.NetConfig? ParseNet(string text, int index = 0)
    {
        if (text == "none") return null;
        var parts = text.Split(',');
        string? host;
        if (parts[0] == "tap") host = null;
        else if (parts[0].StartsWith("tap:", StringComparison.Ordinal) && parts[0].Length > 4) host = parts[0][4..];
        else throw new VmmException($"net: \"{text}\" is not none, tap or tap:NAME[,mac=MAC]");
        if (host is { Length: > 15 }) throw new VmmException($"net: interface name \"{host}\" is longer than 15 bytes");
        byte[]? mac = null;
        foreach (var option in parts.Skip(1))
        {
            if (option.StartsWith("mac=", StringComparison.Ordinal))
                mac = Nido.Devices.Virtio.Net.NetConfig.ParseMac(option[4..]) ?? throw new VmmException($"net: \"{option[4..]}\" is not a unicast MAC address (aa:bb:cc:dd:ee:ff)");
            else throw new VmmException($"net: unknown option \"{option}\" in \"{text}\" (mac=MAC)");
        }
        return new Nido.Devices.Virtio.Net.NetConfig(host, mac, $"eth{index}");
    }

    /// <summary>Parses a size as QEMU's -m does: a number of MiB, or with a K, M, G or T suffix.</summary>
    public static ulong ParseSize(string text)
    {
        var t = text.Trim();
        if (t.Length == 0) throw new VmmException("memory: empty size");
        var shift = char.ToUpperInvariant(t[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => -1 };
        var digits = shift < 0 ? t : t[..^1];
        if (shift < 0) shift = 20;
        if (!ulong.TryParse(digits, out var n) || n == 0 || n > ulong.MaxValue >> shift)
            throw new VmmException($"memory: \"{text}\" is not a size (a number of MiB, or with a K, M, G or T suffix)");
        return n << shift;
    }
}
