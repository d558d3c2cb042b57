using Nido.Containers.Seccomp;
using Nido.Linux.Seccomp;
using Nido.Oci.Runtime;
using OciSeccomp = Nido.Oci.Runtime.Seccomp;

namespace Nido.Containers.Tests;

/// <summary>
/// The compiled filters run in a classic-BPF interpreter and are compared with a direct reading of the profile
/// (first matching rule wins, else the default action), over hand-picked and random profiles and calls.
/// </summary>
public class SeccompCompilerTests
{
    private const uint Allow = SeccompFilter.RetAllow, Kill = SeccompFilter.RetKillProcess;
    private static uint Errno(int e) => SeccompFilter.RetErrno | (uint)e;

    [Fact]
    public void Deny_list_with_errno_values()
    {
        var p = Profile("SCMP_ACT_ALLOW", Rule(["mkdir", "mkdirat"], "SCMP_ACT_ERRNO"), Rule(["chmod"], "SCMP_ACT_ERRNO", errno: 13));
        var f = SeccompCompiler.Compile(p).Program;
        Assert.Equal(Errno(1), Eval(f, SeccompArch.X86_64, "mkdirat"));
        Assert.Equal(Errno(13), Eval(f, SeccompArch.X86_64, "chmod"));
        Assert.Equal(Allow, Eval(f, SeccompArch.X86_64, "read"));
        Assert.Equal(Kill, Eval(f, SeccompArch.X86, "read")); // i386 calls are not in the profile's architectures
        Assert.Equal(Kill, Run(f, SeccompArch.X86_64.AuditArch, SeccompArch.X32Bit | 1, new ulong[6])); // nor x32
    }

    [Fact]
    public void Allow_list_gets_enosys_above_the_highest_named_call()
    {
        var p = Profile("SCMP_ACT_ERRNO", Rule(["read", "write", "openat"], "SCMP_ACT_ALLOW"));
        var f = SeccompCompiler.Compile(p).Program;
        Assert.Equal(Allow, Eval(f, SeccompArch.X86_64, "openat"));
        Assert.Equal(Errno(1), Eval(f, SeccompArch.X86_64, "mkdir")); // 83 < openat's 257
        Assert.Equal(Errno(38), Eval(f, SeccompArch.X86_64, "clone3"));
    }

    [Fact]
    public void Every_architecture_of_this_host_is_filtered_with_its_own_numbers()
    {
        var p = Profile("SCMP_ACT_ALLOW", Rule(["getpid"], "SCMP_ACT_ERRNO", errno: 5)) with
        { Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64"] };
        var f = SeccompCompiler.Compile(p).Program;
        foreach (var arch in new[] { SeccompArch.X86_64, SeccompArch.X86, SeccompArch.X32 })
        {
            Assert.Equal(Errno(5), Eval(f, arch, "getpid"));
            Assert.Equal(Allow, Eval(f, arch, "getppid"));
        }
    }

    [Fact]
    public void A_rule_comparing_one_argument_twice_means_either()
    {
        var p = Profile("SCMP_ACT_ERRNO", Rule(["personality"], "SCMP_ACT_ALLOW", null, Arg(0, "SCMP_CMP_EQ", 0), Arg(0, "SCMP_CMP_EQ", 8)));
        var f = SeccompCompiler.Compile(p).Program;
        Assert.Equal(Allow, Eval(f, SeccompArch.X86_64, "personality", 8));
        Assert.Equal(Allow, Eval(f, SeccompArch.X86_64, "personality", 0));
        Assert.Equal(Errno(1), Eval(f, SeccompArch.X86_64, "personality", 4));
    }

    [Fact]
    public void Allowing_every_call_fits_and_uses_long_jumps()
    {
        var names = Enumerable.Range(0, 500).Select(n => Name(SeccompArch.X86_64, (uint)n)).OfType<string>().ToList();
        var p = Profile("SCMP_ACT_KILL_PROCESS", Rule(names, "SCMP_ACT_ALLOW"), Rule(["socket"], "SCMP_ACT_ERRNO", null, Arg(0, "SCMP_CMP_EQ", 16))) with
        { Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"] };
        var f = SeccompCompiler.Compile(p).Program;
        Assert.InRange(f.Length, 1000, SeccompFilter.MaxInstructions);
        Assert.Equal(Allow, Eval(f, SeccompArch.X86_64, "socket", 16)); // the unconditional rule came first
        Assert.Equal(Allow, Eval(f, SeccompArch.X86_64, "mseal"));
        Assert.Equal(Errno(38), Run(f, SeccompArch.X86_64.AuditArch, 600, new ulong[6])); // newer than the profile
        Assert.Equal(Kill, Eval(f, SeccompArch.X86, "waitpid")); // an i386 call this profile does not name (x86-64 has no waitpid)
    }

    [Theory]
    [InlineData("{\"defaultAction\":\"SCMP_ACT_NOPE\"}", "linux.seccomp.defaultAction: unknown action \"SCMP_ACT_NOPE\"")]
    [InlineData("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[\"SCMP_ARCH_VAX\"]}", "unknown architecture \"SCMP_ARCH_VAX\"")]
    [InlineData("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":[\"SECCOMP_FILTER_FLAG_BOGUS\"]}", "unknown or unsupported flag")]
    [InlineData("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":6,\"value\":1,\"op\":\"SCMP_CMP_EQ\"}]}]}", "syscalls[0].args[0].index: 6")]
    [InlineData("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":0,\"value\":1,\"op\":\"SCMP_CMP_LIKE\"}]}]}", "unknown operator \"SCMP_CMP_LIKE\"")]
    [InlineData("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[],\"action\":\"SCMP_ACT_ERRNO\"}]}", "syscalls[0].names")]
    [InlineData("{\"defaultAction\":\"SCMP_ACT_NOTIFY\"}", "SCMP_ACT_NOTIFY")]
    [InlineData("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":70000}", "does not fit in 16 bits")]
    public void Bad_profiles_are_refused_with_the_field_named(string json, string expected)
    {
        var profile = Nido.Oci.OciJson.ParseWith(json, Nido.Oci.Runtime.SeccompReader.Seccomp, "profile");
        var e = Assert.Throws<ContainerException>(() => SeccompCompiler.Compile(profile));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Random_profiles_match_the_reference_reading()
    {
        var rng = new Random(20261122);
        string[] ops = ["SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"];
        string[] actions = ["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_TRAP", "SCMP_ACT_LOG", "SCMP_ACT_KILL_PROCESS"];
        string[] calls = ["read", "write", "openat", "kill", "personality", "socket", "mmap", "ioctl", "clone", "getpid"];
        ulong[] interesting = [0, 1, 8, 0xffffffff, 0x1_0000_0000, 0x1_0000_0008, ulong.MaxValue, 0x8000_0000_0000_0000, 16, 9];
        ulong Pick() => rng.Next(3) == 0 ? (ulong)rng.NextInt64() * 3 : interesting[rng.Next(interesting.Length)];
        for (var round = 0; round < 60; round++)
        {
            var rules = new List<SeccompSyscall>();
            for (var r = rng.Next(1, 12); r > 0; r--)
            {
                var args = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Arg((uint)rng.Next(0, 6), ops[rng.Next(ops.Length)], Pick(), Pick())).ToArray();
                rules.Add(Rule([calls[rng.Next(calls.Length)]], actions[rng.Next(actions.Length)], (uint)rng.Next(0, 200), args));
            }
            var profile = new OciSeccomp
            {
                DefaultAction = actions[rng.Next(actions.Length)], DefaultErrnoRet = 7, Syscalls = rules,
                Architectures = rng.Next(2) == 0 ? ["SCMP_ARCH_X86_64"] : ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
            };
            var f = SeccompCompiler.Compile(profile).Program;
            for (var call = 0; call < 300; call++)
            {
                var arch = profile.Architectures.Count == 1 ? SeccompArch.X86_64 : new[] { SeccompArch.X86_64, SeccompArch.X86, SeccompArch.X32 }[rng.Next(3)];
                var name = calls[rng.Next(calls.Length)];
                var a = Enumerable.Range(0, 6).Select(_ => Pick()).ToArray();
                // Make the comparison values likely to hit exactly.
                foreach (var rule in rules) if (rule.Args is { Count: > 0 } ra && rng.Next(3) == 0) a[ra[0].Index] = ra[0].Value;
                Assert.Equal(Reference(profile, arch, name, a), Run(f, arch.AuditArch, arch.Number(name)!.Value, a));
            }
        }
    }

    // --- the reference reading and the interpreter ---

    private static uint Reference(OciSeccomp p, SeccompArch arch, string name, ulong[] a)
    {
        var max = (p.Syscalls ?? []).SelectMany(s => s.Names).Select(arch.Number).Where(n => n is not null).Max();
        foreach (var s in p.Syscalls ?? [])
        {
            if (!s.Names.Contains(name)) continue;
            var args = s.Args ?? [];
            var repeated = args.Select(x => x.Index).Distinct().Count() != args.Count;
            var holds = repeated ? args.Any(c => Holds(c, a)) : args.All(c => Holds(c, a));
            if (holds) return SeccompCompiler.Action(s.Action, s.ErrnoRet, "");
        }
        var def = SeccompCompiler.Action(p.DefaultAction, p.DefaultErrnoRet, "");
        if (def is not (Allow or SeccompFilter.RetLog) && arch.Number(name) > max) return Errno(38);
        return def;
    }

    private static bool Holds(SeccompArg c, ulong[] a)
    {
        var v = a[c.Index];
        return c.Op switch
        {
            "SCMP_CMP_EQ" => v == c.Value, "SCMP_CMP_NE" => v != c.Value, "SCMP_CMP_LT" => v < c.Value,
            "SCMP_CMP_LE" => v <= c.Value, "SCMP_CMP_GT" => v > c.Value, "SCMP_CMP_GE" => v >= c.Value,
            "SCMP_CMP_MASKED_EQ" => (v & c.Value) == c.ValueTwo, _ => throw new ArgumentException(c.Op),
        };
    }

    private static uint Eval(BpfInstruction[] f, SeccompArch arch, string name, ulong arg0 = 0) =>
        Run(f, arch.AuditArch, arch.Number(name) ?? throw new ArgumentException(name), [arg0, 0, 0, 0, 0, 0]);

    /// <summary>Classic BPF as the kernel runs a seccomp filter: only the opcodes the compiler emits, with bounds checks.</summary>
    private static uint Run(BpfInstruction[] f, uint auditArch, uint nr, ulong[] args)
    {
        var data = new byte[64];
        BitConverter.TryWriteBytes(data.AsSpan(0), nr);
        BitConverter.TryWriteBytes(data.AsSpan(4), auditArch);
        for (var i = 0; i < 6; i++) BitConverter.TryWriteBytes(data.AsSpan(16 + 8 * i), args[i]);
        uint acc = 0;
        for (var pc = 0; ; pc++)
        {
            Assert.InRange(pc, 0, f.Length - 1);
            var x = f[pc];
            switch (x.Code)
            {
                case 0x20: acc = BitConverter.ToUInt32(data, (int)x.K); break;
                case 0x54: acc &= x.K; break;
                case 0x06: return x.K;
                case 0x05: pc += (int)x.K; break;
                case 0x15: pc += acc == x.K ? x.JumpTrue : x.JumpFalse; break;
                case 0x25: pc += acc > x.K ? x.JumpTrue : x.JumpFalse; break;
                case 0x35: pc += acc >= x.K ? x.JumpTrue : x.JumpFalse; break;
                default: throw new InvalidOperationException($"opcode {x.Code:x}");
            }
        }
    }

    private static string? Name(SeccompArch arch, uint nr) => arch.Names.FirstOrDefault(n => arch.Number(n) == nr);

    private static OciSeccomp Profile(string defaultAction, params SeccompSyscall[] rules) =>
        new() { DefaultAction = defaultAction, Architectures = ["SCMP_ARCH_X86_64"], Syscalls = rules.ToList() };

    private static SeccompSyscall Rule(List<string> names, string action, uint? errno = null, params SeccompArg[] args) =>
        new() { Names = names, Action = action, ErrnoRet = errno, Args = args.Length == 0 ? null : args.ToList() };

    private static SeccompArg Arg(uint index, string op, ulong value, ulong valueTwo = 0) => new() { Index = index, Op = op, Value = value, ValueTwo = valueTwo };
}
