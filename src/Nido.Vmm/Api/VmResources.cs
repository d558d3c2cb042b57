using Nido.Devices.RateLimit;
using Nido.Devices.Virtio.Block;
using Nido.Devices.Virtio.Net;
using Nido.Vmm.Config;

namespace Nido.Vmm.Api;

/// <summary>
/// What the API has configured before InstanceStart (Firecracker's VmResources): each PUT validates its
/// body against what is already there and replaces or adds one piece; <see cref="ToVmConfig"/> turns the
/// whole into the machine's config.
/// </summary>
public sealed class VmResources
{
    public const int MaxVcpus = 32;
    public const string DefaultBootArgs = "console=ttyS0 reboot=k panic=1";

    public MachineConfiguration Machine { get; private set; } = new() { VcpuCount = 1, MemSizeMib = 128, Smt = false, TrackDirtyPages = false, HugePages = "None" };

    public BootSource? Boot { get; private set; }

    /// <summary>Drives in the order they were first put (the root device goes first at boot).</summary>
    public List<Drive> Drives { get; } = [];

    public List<NetworkInterface> Networks { get; } = [];

    public EntropyDevice? Entropy { get; private set; }

    public void SetMachine(MachineConfiguration body, bool patch)
    {
        if (!patch)
        {
            if (body.VcpuCount is null) throw ApiErrors.Missing("vcpu_count");
            if (body.MemSizeMib is null) throw ApiErrors.Missing("mem_size_mib");
        }
        var merged = new MachineConfiguration
        {
            VcpuCount = body.VcpuCount ?? Machine.VcpuCount,
            MemSizeMib = body.MemSizeMib ?? Machine.MemSizeMib,
            Smt = body.Smt ?? (patch ? Machine.Smt : false),
            CpuTemplate = body.CpuTemplate ?? (patch ? Machine.CpuTemplate : null),
            TrackDirtyPages = body.TrackDirtyPages ?? (patch ? Machine.TrackDirtyPages : false),
            HugePages = body.HugePages ?? (patch ? Machine.HugePages : "None"),
        };
        var vcpus = merged.VcpuCount!.Value;
        if (vcpus < 1 || vcpus > MaxVcpus)
            throw new ApiException($"The vCPU number is invalid! The vCPU number can only be 1 or an even number when SMT is enabled, and at most {MaxVcpus}.");
        if (merged.Smt == true && vcpus > 1 && vcpus % 2 != 0)
            throw new ApiException("The vCPU number is invalid! The vCPU number can only be 1 or an even number when SMT is enabled.");
        if (merged.MemSizeMib!.Value < (int)(VmConfig.MinMemory >> 20))
            throw new ApiException($"The memory size (MiB) is invalid: {merged.MemSizeMib} (Nido needs at least {VmConfig.MinMemory >> 20}).");
        if (merged.HugePages is not ("None" or "2M"))
            throw new ApiException($"unknown variant `{merged.HugePages}`, expected `None` or `2M`");
        if (merged.HugePages == "2M" && merged.MemSizeMib % 2 != 0)
            throw new ApiException("The memory size (MiB) must be a multiple of 2 with 2M huge pages.");
        if (merged.CpuTemplate is not (null or "None"))
            throw new ApiException($"CPU template {merged.CpuTemplate} is not supported by Nido (the guest sees the host's CPUID as KVM reports it).");
        if (merged.TrackDirtyPages == true)
            throw new ApiException("track_dirty_pages is not supported: Nido has no snapshots to track pages for.");
        Machine = merged;
    }

    public void SetBootSource(BootSource body)
    {
        if (body.KernelImagePath is null) throw ApiErrors.Missing("kernel_image_path");
        if (!File.Exists(body.KernelImagePath)) throw new ApiException($"The kernel file cannot be opened: {body.KernelImagePath}: No such file or directory (os error 2)");
        if (body.InitrdPath is { } initrd && !File.Exists(initrd)) throw new ApiException($"The initrd file cannot be opened: {initrd}: No such file or directory (os error 2)");
        Boot = body;
    }

    public void SetDrive(string id, Drive body)
    {
        CheckBodyId(id, body.DriveId, "drive_id");
        CheckId(id, "drive");
        if (body.IsRootDevice is null) throw ApiErrors.Missing("is_root_device");
        if (body.Socket is not null) throw new ApiException("vhost-user drives (socket) are not supported by Nido.");
        if (body.PathOnHost is null) throw ApiErrors.Missing("path_on_host");
        if (!File.Exists(body.PathOnHost)) throw new ApiException($"Unable to create the block device: cannot open {body.PathOnHost}: No such file or directory (os error 2)");
        if (body.CacheType is not (null or "Unsafe" or "Writeback")) throw new ApiException($"unknown variant `{body.CacheType}`, expected `Unsafe` or `Writeback`");
        if (body.IoEngine is not (null or "Sync" or "Async")) throw new ApiException($"unknown variant `{body.IoEngine}`, expected `Sync` or `Async`");
        ToLimit(body.RateLimiter);
        if (body.IsRootDevice == true && Drives.FirstOrDefault(d => d.IsRootDevice == true && d.DriveId != id) is { } other)
            throw new ApiException($"A root block device already exists ({other.DriveId})!");
        Put(Drives, Drives.FindIndex(d => d.DriveId == id), body);
    }

    public void SetNetwork(string id, NetworkInterface body)
    {
        CheckBodyId(id, body.IfaceId, "iface_id");
        CheckId(id, "network interface");
        if (body.HostDevName is null) throw ApiErrors.Missing("host_dev_name");
        if (body.HostDevName.Length is 0 or > 15) throw new ApiException($"Could not create the network device: invalid TAP name \"{body.HostDevName}\" (1 to 15 bytes)");
        if (body.GuestMac is { } mac && NetConfig.ParseMac(mac) is null) throw new ApiException($"Invalid MAC address: {mac}");
        ToLimit(body.RxRateLimiter);
        ToLimit(body.TxRateLimiter);
        var others = Networks.Where(n => n.IfaceId != id).ToList();
        if (others.Any(n => n.HostDevName == body.HostDevName)) throw new ApiException($"The host device name {body.HostDevName} is already in use.");
        if (body.GuestMac is not null && others.Any(n => n.GuestMac is { } m && NetConfig.ParseMac(m)!.SequenceEqual(NetConfig.ParseMac(body.GuestMac)!)))
            throw new ApiException($"The MAC address is already in use: {body.GuestMac}");
        CheckTap(body.HostDevName);
        Put(Networks, Networks.FindIndex(n => n.IfaceId == id), body);
    }

    public void SetEntropy(EntropyDevice body)
    {
        ToLimit(body.RateLimiter);
        Entropy = body;
    }

    /// <summary>
    /// Firecracker opens the TAP when the interface is put, so a wrong name fails here rather than at
    /// InstanceStart: attach once and let go (a TAP that did not exist comes and goes with the probe).
    /// </summary>
    private static void CheckTap(string name)
    {
        try { Nido.Linux.Tap.Open(name, vnetHeader: true).Dispose(); }
        catch (Exception e) when (e is Nido.Linux.ErrnoException or ArgumentException)
        {
            throw new ApiException($"Could not create the network device: Open tap device failed: {name}: {e.Message}");
        }
    }

    /// <summary>
    /// A rate_limiter body as device limits: each bucket needs size and refill_time (Firecracker's required
    /// fields); a bucket whose size or refill_time is 0 limits nothing, as in Firecracker.
    /// </summary>
    internal static RateLimiterConfig? ToLimit(RateLimiter? limiter)
    {
        if (limiter is null) return null;
        var config = new RateLimiterConfig(Bucket(limiter.Bandwidth), Bucket(limiter.Ops));
        return config.Bandwidth is null && config.Ops is null ? null : config;
    }

    /// <summary>A live update (PATCH): an absent bucket stays as it is, a zero one is removed, others replace it.</summary>
    internal static (BucketUpdate Bandwidth, BucketUpdate Ops) ToUpdate(RateLimiter? limiter) =>
        limiter is null ? (BucketUpdate.Keep, BucketUpdate.Keep) : (Update(limiter.Bandwidth), Update(limiter.Ops));

    private static BucketUpdate Update(Api.TokenBucket? bucket) => bucket is null ? BucketUpdate.Keep : new BucketUpdate(true, Bucket(bucket));

    private static TokenBucketConfig? Bucket(Api.TokenBucket? bucket)
    {
        if (bucket is null) return null;
        var size = bucket.Size ?? throw ApiErrors.Missing("size");
        var refill = bucket.RefillTime ?? throw ApiErrors.Missing("refill_time");
        var burst = bucket.OneTimeBurst ?? 0;
        if (size < 0 || refill < 0 || burst < 0) throw new ApiException("Rate limiter token bucket values cannot be negative.");
        return size == 0 || refill == 0 ? null : new TokenBucketConfig(size, refill, burst);
    }

    /// <summary>Replaces the device at <paramref name="index"/>, or adds one if a virtio slot is free (one stays for the rng).</summary>
    private void Put<T>(List<T> devices, int index, T body)
    {
        if (index >= 0)
        {
            devices[index] = body;
            return;
        }
        if (Drives.Count + Networks.Count + 1 > VmConfig.MaxVirtioDevices - 1) throw new ApiException($"Too many devices: Nido has {VmConfig.MaxVirtioDevices} virtio slots.");
        devices.Add(body);
    }

    /// <summary>The id a body carries must be there and equal the one in the path (Firecracker's rule for PUT and PATCH).</summary>
    internal static void CheckBodyId(string pathId, string? bodyId, string field)
    {
        if (bodyId is null) throw ApiErrors.Missing(field);
        if (bodyId != pathId) throw new ApiException("The id from the path does not match the id from the body!");
    }

    private static void CheckId(string id, string what)
    {
        if (id.Length == 0 || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ApiException($"Invalid {what} id \"{Http.HttpParser.Printable(id)}\": only letters, digits and '_' (at most 64).");
    }

    public VmConfig ToVmConfig()
    {
        if (Boot is not { } boot) throw new ApiException("Cannot start microvm without kernel configuration.");
        var drives = Drives.OrderByDescending(d => d.IsRootDevice == true).ToList();
        var args = boot.BootArgs ?? DefaultBootArgs;
        if (drives.FirstOrDefault(d => d.IsRootDevice == true) is { } root)
        {
            var device = root.Partuuid is { } uuid ? $"PARTUUID={uuid}" : "/dev/vda";
            args += $" root={device} {(root.IsReadOnly == true ? "ro" : "rw")}";
        }
        return new VmConfig
        {
            Kernel = boot.KernelImagePath!,
            Initrd = boot.InitrdPath,
            CommandLine = args.Trim(),
            Cpus = Machine.VcpuCount!.Value,
            MemoryBytes = (ulong)Machine.MemSizeMib!.Value << 20,
            HugePages = Machine.HugePages == "2M",
            Disks = [.. drives.Select(d => new BlockConfig(d.PathOnHost!, d.IsReadOnly == true, d.DriveId, ToLimit(d.RateLimiter)))],
            Networks = [.. Networks.Select(n => new NetConfig(n.HostDevName, n.GuestMac is { } m ? NetConfig.ParseMac(m) : null, n.IfaceId!, ToLimit(n.RxRateLimiter), ToLimit(n.TxRateLimiter)))],
            Rng = Entropy is not null,
            RngRateLimit = ToLimit(Entropy?.RateLimiter),
        };
    }

    public FullVmConfiguration ToFull(LoggerConfig? logger, MetricsConfig? metrics) => new()
    {
        BootSource = Boot,
        Drives = Drives,
        MachineConfig = Machine,
        NetworkInterfaces = Networks,
        Entropy = Entropy,
        Logger = logger,
        Metrics = metrics,
    };
}
