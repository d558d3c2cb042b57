using System.CommandLine;
using Nido.Containers;
using Nido.Oci;
using Nido.Oci.Runtime;

namespace Nido.Runc.Verbs;

/// <summary>`update`: new limits for a live container, from a resources JSON (--resources FILE|-) and/or runc's flags.</summary>
public static class UpdateVerb
{
    public static Command Create()
    {
        var id = OciCommand.IdArgument();
        var resources = new Option<string?>("--resources", "-r") { Description = "linux.resources JSON from a file, or - for stdin" };
        var memory = new Option<string?>("--memory") { Description = "Memory limit (bytes, or with k/m/g suffix)" };
        var reservation = new Option<string?>("--memory-reservation") { Description = "Memory soft limit" };
        var swap = new Option<string?>("--memory-swap") { Description = "Memory plus swap limit (-1: unlimited)" };
        var cpuPeriod = new Option<ulong?>("--cpu-period") { Description = "CPU CFS period (µs)" };
        var cpuQuota = new Option<long?>("--cpu-quota") { Description = "CPU CFS quota (µs per period)" };
        var cpuShare = new Option<ulong?>("--cpu-share") { Description = "CPU shares (relative weight)" };
        var cpus = new Option<string?>("--cpuset-cpus") { Description = "CPUs allowed (0-3, 0,1)" };
        var mems = new Option<string?>("--cpuset-mems") { Description = "Memory nodes allowed" };
        var pids = new Option<long?>("--pids-limit") { Description = "Maximum number of pids" };
        var blkio = new Option<ushort?>("--blkio-weight") { Description = "Block IO weight (10-1000)" };
        var command = new Command("update", "Change the resource limits of a running container");
        command.Arguments.Add(id);
        foreach (var o in new Option[] { resources, memory, reservation, swap, cpuPeriod, cpuQuota, cpuShare, cpus, mems, pids, blkio }) command.Options.Add(o);
        command.SetAction(parse => OciCommand.Run(parse, store =>
        {
            var r = new Resources();
            if (parse.GetValue(resources) is { } source)
            {
                var json = source == "-" ? Console.In.ReadToEnd() : File.ReadAllText(source);
                r = OciJson.ParseResources(json, source == "-" ? "stdin" : source);
            }
            MemoryResources? mem = r.Memory;
            if (parse.GetValue(memory) is { } m) mem = (mem ?? new()) with { Limit = Size(m, "--memory") };
            if (parse.GetValue(reservation) is { } res) mem = (mem ?? new()) with { Reservation = Size(res, "--memory-reservation") };
            if (parse.GetValue(swap) is { } s) mem = (mem ?? new()) with { Swap = Size(s, "--memory-swap") };
            CpuResources? cpu = r.Cpu;
            if (parse.GetValue(cpuPeriod) is { } period) cpu = (cpu ?? new()) with { Period = period };
            if (parse.GetValue(cpuQuota) is { } quota) cpu = (cpu ?? new()) with { Quota = quota };
            if (parse.GetValue(cpuShare) is { } shares) cpu = (cpu ?? new()) with { Shares = shares };
            if (parse.GetValue(cpus) is { } c) cpu = (cpu ?? new()) with { Cpus = c };
            if (parse.GetValue(mems) is { } ms) cpu = (cpu ?? new()) with { Mems = ms };
            r = r with
            {
                Memory = mem, Cpu = cpu,
                Pids = parse.GetValue(pids) is { } p ? new PidsResources { Limit = p } : r.Pids,
                BlockIO = parse.GetValue(blkio) is { } w ? (r.BlockIO ?? new()) with { Weight = w } : r.BlockIO,
            };
            Container.Load(store, parse.GetValue(id)!).Update(r);
            return 0;
        }));
        return command;
    }

    /// <summary>"512m", "1G", "1048576", "-1" (as runc's RAMInBytes: binary units).</summary>
    internal static long Size(string text, string option)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "-1") return -1;
        if (t.EndsWith('b')) t = t[..^1];
        var unit = t.Length > 0 ? t[^1] : ' ';
        var multiplier = unit switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, 't' => 1L << 40, _ => 1L };
        if (multiplier != 1) t = t[..^1];
        return long.TryParse(t, out var n) && n >= 0 ? checked(n * multiplier) : throw new ContainerException($"{option}: invalid size \"{text}\"");
    }
}
