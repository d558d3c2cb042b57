using Nido.Linux;
using Nido.Linux.Seccomp;
using Nido.Oci.Runtime;
using static Nido.Linux.Seccomp.BpfInstruction;

namespace Nido.Containers.Seccomp;

/// <summary>
/// Compiles an OCI seccomp profile (linux.seccomp) to one classic BPF program, the way libseccomp would:
/// a dispatch on the audit architecture, then per ABI one block per system call whose rules are tried in
/// profile order (the first rule whose argument conditions all hold decides), then the default action.
/// As runc does, calls newer than every call the profile names for an ABI get ENOSYS instead of the default
/// action, so a libc that probes a new call (clone3, faccessat2) falls back instead of failing with EPERM.
/// </summary>
public static class SeccompCompiler
{
    private const int EPERM = 1, ENOSYS = 38;

    /// <summary>The program and its seccomp(2) flags, in the form the spawn trampoline installs too.</summary>
    public static SpawnSeccomp Compile(Oci.Runtime.Seccomp profile)
    {
        var defaultAction = Action(profile.DefaultAction, profile.DefaultErrnoRet, "linux.seccomp.defaultAction");
        var arches = Architectures(profile.Architectures);
        var syscalls = profile.Syscalls ?? [];
        var rules = new List<(string Name, SeccompSyscall Rule, uint Action)>();
        for (var i = 0; i < syscalls.Count; i++)
        {
            var s = syscalls[i];
            var where = $"linux.seccomp.syscalls[{i}]";
            var action = Action(s.Action, s.ErrnoRet, where + ".action");
            for (var j = 0; j < (s.Args?.Count ?? 0); j++)
            {
                var arg = s.Args![j];
                if (!ArgCondition.Operators.Contains(arg.Op)) throw new ContainerException($"{where}.args[{j}].op: unknown operator \"{arg.Op}\"");
                if (arg.Index > 5) throw new ContainerException($"{where}.args[{j}].index: {arg.Index} is not an argument index (0-5)");
            }
            if (s.Names.Count == 0) throw new ContainerException($"{where}.names: at least one system call name is required");
            foreach (var rule in SplitRepeatedArguments(s))
                foreach (var name in s.Names) rules.Add((name, rule, action));
        }

        // Dispatch on seccomp_data.arch; x32 shares x86-64's audit value and is told apart inside that section.
        var sections = new List<CompiledSection>();
        foreach (var arch in arches)
            if (arch.NumberBias == 0) sections.Add(Section(arch, arches, rules, defaultAction));
        var code = new List<BpfInstruction> { Load(SeccompFilter.ArchOffset) };
        var before = 0; // instructions of the sections laid out before this one
        for (var k = 0; k < sections.Count; k++)
        {
            code.Add(JumpIfEqual(sections[k].Arch.AuditArch, 0, 1));
            code.Add(Jump((uint)(2 * (sections.Count - k - 1) + 1 + before))); // over the later pairs and the bad-arch return
            before += sections[k].Code.Count;
        }
        code.Add(Return(SeccompFilter.RetKillProcess)); // an ABI the profile does not list, like libseccomp's default
        foreach (var s in sections) code.AddRange(s.Code);

        if (code.Count > SeccompFilter.MaxInstructions)
            throw new ContainerException($"linux.seccomp: the profile compiles to {code.Count} BPF instructions, over the kernel's limit of {SeccompFilter.MaxInstructions}");
        return new SpawnSeccomp(code.ToArray(), Flags(profile.Flags));
    }

    private sealed record CompiledSection(SeccompArch Arch, List<BpfInstruction> Code);

    private static CompiledSection Section(SeccompArch arch, List<SeccompArch> all, List<(string Name, SeccompSyscall Rule, uint Action)> rules, uint defaultAction)
    {
        var code = new List<BpfInstruction> { Load(SeccompFilter.NrOffset) };
        if (arch == SeccompArch.X86_64)
        {
            // Calls with the x32 bit go to the x32 rules when the profile lists x32, and are refused otherwise.
            var x32 = all.Contains(SeccompArch.X32) ? Body(SeccompArch.X32, rules, defaultAction) : [Return(SeccompFilter.RetKillProcess)];
            var native = Body(arch, rules, defaultAction);
            code.Add(JumpIfGreaterOrEqual(SeccompArch.X32Bit, 0, 1));
            code.Add(Jump((uint)native.Count));
            code.AddRange(native);
            code.AddRange(x32);
        }
        else code.AddRange(Body(arch, rules, defaultAction));
        return new CompiledSection(arch, code);
    }

    /// <summary>The rules of one ABI; every path ends in a return (the accumulator holds the call number on entry).</summary>
    private static List<BpfInstruction> Body(SeccompArch arch, List<(string Name, SeccompSyscall Rule, uint Action)> rules, uint defaultAction)
    {
        var byNumber = new Dictionary<uint, List<(SeccompSyscall Rule, uint Action)>>();
        foreach (var (name, rule, action) in rules)
        {
            if (arch.Number(name) is not { } nr) continue; // a call this ABI does not have (profiles list every architecture's)
            if (!byNumber.TryGetValue(nr, out var list)) byNumber[nr] = list = [];
            list.Add((rule, action));
        }
        var code = new List<BpfInstruction>();
        var numbers = new List<uint>(byNumber.Keys);
        numbers.Sort();
        foreach (var nr in numbers)
        {
            var list = byNumber[nr];
            var block = Block(list, defaultAction);
            if (block.Count <= byte.MaxValue) code.Add(JumpIfEqual(nr, 0, (byte)block.Count));
            else code.AddRange([JumpIfEqual(nr, 1, 0), Jump((uint)block.Count)]);
            code.AddRange(block);
        }
        if (byNumber.Count > 0 && !IsPermissive(defaultAction))
        {
            code.Add(JumpIfGreater(numbers[^1], 0, 1));
            code.Add(Return(SeccompFilter.RetErrno | ENOSYS));
        }
        code.Add(Return(defaultAction));
        return code;
    }

    /// <summary>One call's rules in order; if none matches, the default action.</summary>
    private static List<BpfInstruction> Block(List<(SeccompSyscall Rule, uint Action)> rules, uint defaultAction)
    {
        var code = new List<BpfInstruction>();
        foreach (var (rule, action) in rules)
        {
            var args = rule.Args ?? [];
            var lengths = new int[args.Count];
            for (var i = 0; i < args.Count; i++) lengths[i] = ArgCondition.Length(args[i].Op);
            for (var i = 0; i < args.Count; i++)
            {
                var fail = 1; // the later conditions and this rule's return
                for (var k = i + 1; k < args.Count; k++) fail += lengths[k];
                if (fail + lengths[i] > byte.MaxValue) throw new ContainerException("linux.seccomp: a rule has too many argument conditions");
                ArgCondition.Emit(code, args[i], fail);
            }
            code.Add(Return(action));
            if (args.Count == 0) return code; // unconditional: later rules for this call can never apply
        }
        code.Add(Return(defaultAction));
        return code;
    }

    /// <summary>
    /// libseccomp compares each argument at most once per rule; like runc, a rule that compares one argument
    /// several times becomes one rule per comparison (so they act as alternatives).
    /// </summary>
    private static IEnumerable<SeccompSyscall> SplitRepeatedArguments(SeccompSyscall s)
    {
        var args = s.Args ?? [];
        var indexes = new HashSet<uint>();
        foreach (var a in args) indexes.Add(a.Index);
        if (indexes.Count == args.Count) return [s];
        var split = new List<SeccompSyscall>(args.Count);
        foreach (var a in args) split.Add(s with { Args = [a] });
        return split;
    }

    private static bool IsPermissive(uint action) => action is SeccompFilter.RetAllow or SeccompFilter.RetLog;

    /// <summary>The actions this compiler emits: return value, and whether errnoRet goes in its data (EPERM when absent).</summary>
    private static readonly Dictionary<string, (uint Return, bool TakesErrno)> Actions = new()
    {
        ["SCMP_ACT_ALLOW"] = (SeccompFilter.RetAllow, false),
        ["SCMP_ACT_KILL"] = (SeccompFilter.RetKillThread, false),
        ["SCMP_ACT_KILL_THREAD"] = (SeccompFilter.RetKillThread, false),
        ["SCMP_ACT_KILL_PROCESS"] = (SeccompFilter.RetKillProcess, false),
        ["SCMP_ACT_TRAP"] = (SeccompFilter.RetTrap, false),
        ["SCMP_ACT_ERRNO"] = (SeccompFilter.RetErrno, true),
        ["SCMP_ACT_TRACE"] = (SeccompFilter.RetTrace, true),
        ["SCMP_ACT_LOG"] = (SeccompFilter.RetLog, false),
    };

    private static readonly Dictionary<string, uint> FilterFlags = new()
    {
        ["SECCOMP_FILTER_FLAG_TSYNC"] = SeccompFilter.FlagTsync,
        ["SECCOMP_FILTER_FLAG_LOG"] = SeccompFilter.FlagLog,
        ["SECCOMP_FILTER_FLAG_SPEC_ALLOW"] = SeccompFilter.FlagSpecAllow,
        ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"] = SeccompFilter.FlagWaitKillableRecv,
    };

    /// <summary>For `features`: the action and flag names a profile may use.</summary>
    public static IEnumerable<string> ActionNames => Actions.Keys;
    public static IEnumerable<string> FlagNames => FilterFlags.Keys;

    public static uint Action(string name, uint? errnoRet, string where)
    {
        if (Actions.TryGetValue(name, out var a)) return a.TakesErrno ? a.Return | Data(errnoRet ?? EPERM, where) : a.Return;
        throw new ContainerException(name == "SCMP_ACT_NOTIFY"
            ? $"{where}: SCMP_ACT_NOTIFY (a seccomp listener) is not supported by nido"
            : $"{where}: unknown action \"{name}\"");
    }

    private static uint Data(uint value, string where) =>
        value <= SeccompFilter.RetDataMask ? value : throw new ContainerException($"{where}: errnoRet {value} does not fit in 16 bits");

    private static List<SeccompArch> Architectures(List<string>? names)
    {
        var list = new List<SeccompArch>();
        foreach (var name in names ?? [])
        {
            if (SeccompArch.ByName(name) is { } arch) { if (!list.Contains(arch)) list.Add(arch); }
            else if (!SeccompArch.ForeignNames.Contains(name)) throw new ContainerException($"linux.seccomp.architectures: unknown architecture \"{name}\"");
        }
        if (!list.Contains(SeccompArch.X86_64)) list.Insert(0, SeccompArch.X86_64); // the native ABI is always filtered
        return list;
    }

    private static uint Flags(List<string>? names)
    {
        uint flags = 0;
        foreach (var name in names ?? [])
            flags |= FilterFlags.TryGetValue(name, out var f) ? f : throw new ContainerException($"linux.seccomp.flags: unknown or unsupported flag \"{name}\"");
        return flags;
    }
}
