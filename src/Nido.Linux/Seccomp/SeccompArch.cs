namespace Nido.Linux.Seccomp;

/// <summary>
/// A system call ABI a filter can see on this host, with the audit architecture the kernel reports for it
/// (seccomp_data.arch) and its call numbers. x32 shares x86-64's audit value and sets bit 30 of the number.
/// </summary>
public sealed class SeccompArch
{
    public const uint X32Bit = 0x40000000;

    public string Name { get; }
    public uint AuditArch { get; }
    public uint NumberBias { get; }
    private readonly Dictionary<string, int> _numbers;

    private SeccompArch(string name, uint auditArch, uint bias, Dictionary<string, int> numbers) =>
        (Name, AuditArch, NumberBias, _numbers) = (name, auditArch, bias, numbers);

    public static readonly SeccompArch X86_64 = new("SCMP_ARCH_X86_64", 0xC000003E, 0, SyscallTables.X86_64);
    public static readonly SeccompArch X86 = new("SCMP_ARCH_X86", 0x40000003, 0, SyscallTables.I386);
    public static readonly SeccompArch X32 = new("SCMP_ARCH_X32", 0xC000003E, X32Bit, SyscallTables.X32);

    /// <summary>The ABIs of this host a filter tells apart.</summary>
    public static readonly IReadOnlyList<SeccompArch> Host = [X86_64, X86, X32];

    /// <summary>The architectures libseccomp knows by name; the ones that cannot run on this host are accepted and ignored.</summary>
    public static readonly IReadOnlySet<string> ForeignNames = new HashSet<string>
    {
        "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32",
        "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
        "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64",
        "SCMP_ARCH_RISCV64", "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K", "SCMP_ARCH_SH", "SCMP_ARCH_SHEB",
    };

    public static SeccompArch? ByName(string name)
    {
        foreach (var arch in Host)
            if (arch.Name == name) return arch;
        return null;
    }

    /// <summary>The number the filter sees for <paramref name="syscall"/>, or null when this ABI has no such call.</summary>
    public uint? Number(string syscall) => _numbers.TryGetValue(syscall, out var n) ? (uint)n | NumberBias : null;

    public IEnumerable<string> Names => _numbers.Keys;

    /// <summary>Whether any of the host's ABIs knows the name (profiles list calls of other architectures too).</summary>
    public static bool IsKnown(string syscall) =>
        SyscallTables.X86_64.ContainsKey(syscall) || SyscallTables.I386.ContainsKey(syscall) || SyscallTables.X32.ContainsKey(syscall);
}
