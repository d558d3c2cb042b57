namespace Nido.Oci.Runtime;

/// <summary>linux.resources (and `update --resources`), read as <see cref="SpecReader"/> reads the rest of config.json.</summary>
public static class ResourcesReader
{
    public static Resources Resources(ref JsonCursor c)
    {
        List<DeviceCgroup>? devices = null; MemoryResources? memory = null; CpuResources? cpu = null; PidsResources? pids = null;
        BlockIoResources? blockIO = null; List<HugepageLimit>? hugepages = null; NetworkResources? network = null;
        Dictionary<string, RdmaResources>? rdma = null; Dictionary<string, string>? unified = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "devices": devices = c.Array(DeviceCgroup); break;
                case "memory": memory = c.Null ? null : Memory(ref c); break;
                case "cpu": cpu = c.Null ? null : Cpu(ref c); break;
                case "pids": pids = c.Null ? null : Pids(ref c); break;
                case "blockIO": blockIO = c.Null ? null : BlockIO(ref c); break;
                case "hugepageLimits": hugepages = c.Array(HugepageLimit); break;
                case "network": network = c.Null ? null : Network(ref c); break;
                case "rdma": rdma = c.Map(Rdma); break;
                case "unified": unified = c.StringMap(); break;
                default: c.Skip(); break;
            }
        return new Resources
        {
            Devices = devices, Memory = memory, Cpu = cpu, Pids = pids, BlockIO = blockIO, HugepageLimits = hugepages,
            Network = network, Rdma = rdma, Unified = unified,
        };
    }

    private static DeviceCgroup DeviceCgroup(ref JsonCursor c)
    {
        bool allow = false; string? type = null, access = null; long? major = null, minor = null;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "allow": allow = c.Bool(allow); break;
                    case "type": type = c.NullableString(); break;
                    case "major": major = c.NullableInt64(); break;
                    case "minor": minor = c.NullableInt64(); break;
                    case "access": access = c.NullableString(); break;
                    default: c.Skip(); break;
                }
        return new DeviceCgroup { Allow = allow, Type = type, Major = major, Minor = minor, Access = access };
    }

    private static MemoryResources Memory(ref JsonCursor c)
    {
        long? limit = null, reservation = null, swap = null, kernel = null, kernelTcp = null; ulong? swappiness = null;
        bool? disableOom = null, useHierarchy = null, checkBeforeUpdate = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "limit": limit = c.NullableInt64(); break;
                case "reservation": reservation = c.NullableInt64(); break;
                case "swap": swap = c.NullableInt64(); break;
                case "kernel": kernel = c.NullableInt64(); break;
                case "kernelTCP": kernelTcp = c.NullableInt64(); break;
                case "swappiness": swappiness = c.NullableUInt64(); break;
                case "disableOOMKiller": disableOom = c.NullableBool(); break;
                case "useHierarchy": useHierarchy = c.NullableBool(); break;
                case "checkBeforeUpdate": checkBeforeUpdate = c.NullableBool(); break;
                default: c.Skip(); break;
            }
        return new MemoryResources
        {
            Limit = limit, Reservation = reservation, Swap = swap, Kernel = kernel, KernelTCP = kernelTcp, Swappiness = swappiness,
            DisableOOMKiller = disableOom, UseHierarchy = useHierarchy, CheckBeforeUpdate = checkBeforeUpdate,
        };
    }

    private static CpuResources Cpu(ref JsonCursor c)
    {
        ulong? shares = null, burst = null, period = null, rtPeriod = null; long? quota = null, rtRuntime = null, idle = null;
        string? cpus = null, mems = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "shares": shares = c.NullableUInt64(); break;
                case "quota": quota = c.NullableInt64(); break;
                case "burst": burst = c.NullableUInt64(); break;
                case "period": period = c.NullableUInt64(); break;
                case "realtimeRuntime": rtRuntime = c.NullableInt64(); break;
                case "realtimePeriod": rtPeriod = c.NullableUInt64(); break;
                case "cpus": cpus = c.NullableString(); break;
                case "mems": mems = c.NullableString(); break;
                case "idle": idle = c.NullableInt64(); break;
                default: c.Skip(); break;
            }
        return new CpuResources
        {
            Shares = shares, Quota = quota, Burst = burst, Period = period, RealtimeRuntime = rtRuntime, RealtimePeriod = rtPeriod,
            Cpus = cpus, Mems = mems, Idle = idle,
        };
    }

    private static PidsResources Pids(ref JsonCursor c)
    {
        long limit = 0;
        for (c.StartObject(); c.NextProperty(out var name);)
            if (name == "limit") limit = c.Int64(limit);
            else c.Skip();
        return new PidsResources { Limit = limit };
    }

    private static BlockIoResources BlockIO(ref JsonCursor c)
    {
        ushort? weight = null, leafWeight = null; List<WeightDevice>? weightDevice = null;
        List<ThrottleDevice>? readBps = null, writeBps = null, readIops = null, writeIops = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "weight": weight = c.NullableUInt16(); break;
                case "leafWeight": leafWeight = c.NullableUInt16(); break;
                case "weightDevice": weightDevice = c.Array(WeightDevice); break;
                case "throttleReadBpsDevice": readBps = c.Array(ThrottleDevice); break;
                case "throttleWriteBpsDevice": writeBps = c.Array(ThrottleDevice); break;
                case "throttleReadIOPSDevice": readIops = c.Array(ThrottleDevice); break;
                case "throttleWriteIOPSDevice": writeIops = c.Array(ThrottleDevice); break;
                default: c.Skip(); break;
            }
        return new BlockIoResources
        {
            Weight = weight, LeafWeight = leafWeight, WeightDevice = weightDevice, ThrottleReadBpsDevice = readBps,
            ThrottleWriteBpsDevice = writeBps, ThrottleReadIOPSDevice = readIops, ThrottleWriteIOPSDevice = writeIops,
        };
    }

    private static WeightDevice WeightDevice(ref JsonCursor c)
    {
        long major = 0, minor = 0; ushort? weight = null, leafWeight = null;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "major": major = c.Int64(major); break;
                    case "minor": minor = c.Int64(minor); break;
                    case "weight": weight = c.NullableUInt16(); break;
                    case "leafWeight": leafWeight = c.NullableUInt16(); break;
                    default: c.Skip(); break;
                }
        return new WeightDevice { Major = major, Minor = minor, Weight = weight, LeafWeight = leafWeight };
    }

    private static ThrottleDevice ThrottleDevice(ref JsonCursor c)
    {
        long major = 0, minor = 0; ulong rate = 0;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "major": major = c.Int64(major); break;
                    case "minor": minor = c.Int64(minor); break;
                    case "rate": rate = c.UInt64(rate); break;
                    default: c.Skip(); break;
                }
        return new ThrottleDevice { Major = major, Minor = minor, Rate = rate };
    }

    private static HugepageLimit HugepageLimit(ref JsonCursor c)
    {
        string pageSize = ""; ulong limit = 0;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "pageSize": pageSize = c.String(pageSize); break;
                    case "limit": limit = c.UInt64(limit); break;
                    default: c.Skip(); break;
                }
        return new HugepageLimit { PageSize = pageSize, Limit = limit };
    }

    private static NetworkResources Network(ref JsonCursor c)
    {
        uint? classId = null; List<InterfacePriority>? priorities = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "classID": classId = c.NullableUInt32(); break;
                case "priorities": priorities = c.Array(Priority); break;
                default: c.Skip(); break;
            }
        return new NetworkResources { ClassID = classId, Priorities = priorities };
    }

    private static InterfacePriority Priority(ref JsonCursor c)
    {
        string name = ""; uint priority = 0;
        if (c.Object())
            while (c.NextProperty(out var field))
                switch (field)
                {
                    case "name": name = c.String(name); break;
                    case "priority": priority = c.UInt32(priority); break;
                    default: c.Skip(); break;
                }
        return new InterfacePriority { Name = name, Priority = priority };
    }

    private static RdmaResources Rdma(ref JsonCursor c)
    {
        uint? handles = null, objects = null;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "hcaHandles": handles = c.NullableUInt32(); break;
                    case "hcaObjects": objects = c.NullableUInt32(); break;
                    default: c.Skip(); break;
                }
        return new RdmaResources { HcaHandles = handles, HcaObjects = objects };
    }
}
