using Nido.Oci.Runtime;

namespace Nido.Cgroups.V1;

internal sealed class BlkioV1 : IV1Controller
{
    public string Name => "blkio";

    public void Apply(string dir, Resources r)
    {
        if (r.BlockIO is not { } b) return;
        // Without CFQ/BFQ there is no proportional weight file; the throttles still work.
        var weightFile = CgroupFiles.Has(dir, "blkio.weight") ? "blkio.weight" : CgroupFiles.Has(dir, "blkio.bfq.weight") ? "blkio.bfq.weight" : null;
        if (b.Weight is { } w)
            CgroupFiles.Write(dir, weightFile ?? throw new CgroupException("linux.resources.blockIO.weight: this kernel has no blkio weight (no CFQ/BFQ scheduler)"), w.ToString());
        if (b.LeafWeight is { } lw && CgroupFiles.Has(dir, "blkio.leaf_weight")) CgroupFiles.Write(dir, "blkio.leaf_weight", lw.ToString());
        foreach (var d in b.WeightDevice ?? [])
            if (d.Weight is { } dw && weightFile is not null) CgroupFiles.Write(dir, weightFile + "_device", $"{d.Major}:{d.Minor} {dw}");
        Throttle(dir, "blkio.throttle.read_bps_device", b.ThrottleReadBpsDevice);
        Throttle(dir, "blkio.throttle.write_bps_device", b.ThrottleWriteBpsDevice);
        Throttle(dir, "blkio.throttle.read_iops_device", b.ThrottleReadIOPSDevice);
        Throttle(dir, "blkio.throttle.write_iops_device", b.ThrottleWriteIOPSDevice);
    }

    private static void Throttle(string dir, string file, List<ThrottleDevice>? devices)
    {
        foreach (var d in devices ?? []) CgroupFiles.Write(dir, file, $"{d.Major}:{d.Minor} {d.Rate}");
    }
}
