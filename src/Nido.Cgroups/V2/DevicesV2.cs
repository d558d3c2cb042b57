using Nido.Linux;
using Nido.Linux.Bpf;
using Nido.Oci.Runtime;
using static Nido.Linux.Bpf.EbpfInstruction;

namespace Nido.Cgroups.V2;

/// <summary>
/// cgroup v2 has no devices files: access is decided by an eBPF program (BPF_PROG_TYPE_CGROUP_DEVICE) attached to
/// the cgroup. The program tests the rules from last to first, so a later rule overrides an earlier one (as with
/// devices.allow/deny), and refuses what no rule matches.
/// </summary>
internal static class DevicesV2
{
    // struct bpf_cgroup_dev_ctx { u32 access_type (access << 16 | type); u32 major; u32 minor; }
    private const byte Ctx = 1, Type = 2, Access = 3, Major = 4, Minor = 5, Temp = 1, Result = 0;
    private const int DevBlock = 1, DevChar = 2, AccMknod = 1, AccRead = 2, AccWrite = 4;

    public static EbpfInstruction[] Compile(IReadOnlyList<DeviceCgroup> rules)
    {
        var code = new List<EbpfInstruction>
        {
            LoadWord(Type, Ctx, 0), AndImmediate(Type, 0xffff),
            LoadWord(Access, Ctx, 0), ShiftRight(Access, 16),
            LoadWord(Major, Ctx, 4), LoadWord(Minor, Ctx, 8),
        };
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            var rule = rules[i];
            var (block, unconditional) = Block(rule);
            code.AddRange(block);
            if (unconditional) return code.ToArray(); // the verifier refuses unreachable code after it
        }
        code.Add(MoveImmediate(Result, 0));
        code.Add(Exit());
        return code.ToArray();
    }

    /// <summary>One rule: each test skips to the next rule when it fails; the end returns the rule's verdict.</summary>
    private static (List<EbpfInstruction> Code, bool Unconditional) Block(DeviceCgroup rule)
    {
        var (type, access) = DeviceRules.Check(rule);
        var mask = (access.Contains('m') ? AccMknod : 0) | (access.Contains('r') ? AccRead : 0) | (access.Contains('w') ? AccWrite : 0);
        // Tests as (instruction-producing lambdas taking the skip distance), so distances are known when emitted.
        var tests = new List<Func<short, EbpfInstruction[]>>();
        if (type != "a") tests.Add(skip => [JumpIfNotEqual(Type, type == "b" ? DevBlock : DevChar, skip)]);
        if (mask != 7)
        {
            // An allow rule covers a request only if it asks for nothing more; a deny rule hits any overlap.
            if (rule.Allow) tests.Add(skip => [MoveRegister(Temp, Access), AndImmediate(Temp, ~mask & 7), JumpIfNotEqual(Temp, 0, skip)]);
            else tests.Add(skip => [MoveRegister(Temp, Access), AndImmediate(Temp, mask), JumpIfEqual(Temp, 0, skip)]);
        }
        if (rule.Major is { } major and >= 0) tests.Add(skip => [JumpIfNotEqual(Major, (int)major, skip)]);
        if (rule.Minor is { } minor and >= 0) tests.Add(skip => [JumpIfNotEqual(Minor, (int)minor, skip)]);

        // Lay out backwards: the verdict (2 instructions) is last, each test jumps over everything after it.
        var tail = new List<EbpfInstruction> { MoveImmediate(Result, rule.Allow ? 1 : 0), Exit() };
        for (var i = tests.Count - 1; i >= 0; i--)
        {
            var emitted = tests[i]((short)tail.Count);
            // Only the last instruction of a test jumps; the ones before it fall through into it.
            tail.InsertRange(0, emitted);
        }
        return (tail, tests.Count == 0);
    }

    /// <summary>Attaches the program for <paramref name="rules"/> and detaches the ones it replaces (an `update`).</summary>
    public static void Apply(string dir, IEnumerable<DeviceCgroup> rules)
    {
        var program = Compile(DeviceRules.WithDefaults(rules));
        using var cgroup = FileIo.Open(dir, FileIo.O_RDONLY | FileIo.O_DIRECTORY);
        try
        {
            var previous = BpfPrograms.Query(cgroup, BpfPrograms.AttachCgroupDevice);
            using var loaded = BpfPrograms.Load(BpfPrograms.ProgramTypeCgroupDevice, program);
            BpfPrograms.Attach(cgroup, loaded, BpfPrograms.AttachCgroupDevice, BpfPrograms.FlagAllowMulti);
            foreach (var id in previous)
            {
                using var old = BpfPrograms.OpenById(id);
                BpfPrograms.Detach(cgroup, old, BpfPrograms.AttachCgroupDevice);
            }
        }
        catch (ErrnoException e)
        {
            throw new CgroupException($"linux.resources.devices: cannot install the device filter on {dir}: {e.Message}");
        }
    }
}
