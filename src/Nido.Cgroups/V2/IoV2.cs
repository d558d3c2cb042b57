using Nido.Oci.Runtime;

namespace Nido.Cgroups.V2;

internal sealed class IoV2 : IV2Controller
{
    public string Name => "io";

    public bool Requested(Resources r) => r.BlockIO is not null;

    public void Apply(string dir, Resources r)
    {
        if (r.BlockIO is not { } b) return;
        if (b.Weight is { } w) CgroupFiles.Write(dir, CgroupFiles.Has(dir, "io.bfq.weight") ? "io.bfq.weight" : "io.weight", Weight(w).ToString());
        foreach (var d in b.WeightDevice ?? [])
            if (d.Weight is { } dw) CgroupFiles.Write(dir, "io.weight", $"{d.Major}:{d.Minor} {Weight(dw)}");
        var limits = new Dictionary<string, List<string>>();
        void Add(List<ThrottleDevice>? devices, string key)
        {
            foreach (var d in devices ?? [])
            {
                var dev = $"{d.Major}:{d.Minor}";
                if (!limits.TryGetValue(dev, out var list)) limits[dev] = list = [];
                list.Add($"{key}={(d.Rate == 0 ? "max" : d.Rate.ToString())}");
            }
        }
        Add(b.ThrottleReadBpsDevice, "rbps");
        Add(b.ThrottleWriteBpsDevice, "wbps");
        Add(b.ThrottleReadIOPSDevice, "riops");
        Add(b.ThrottleWriteIOPSDevice, "wiops");
        foreach (var (dev, list) in limits) CgroupFiles.Write(dir, "io.max", $"{dev} {string.Join(' ', list)}");
    }

    /// <summary>blkio weight (10–1000) to io.weight (1–10000).</summary>
    internal static ulong Weight(ushort weight) => 1 + ((ulong)Math.Clamp((int)weight, 10, 1000) - 10) * 9999 / 990;
}
