namespace Nido.Linux.Bpf;

/// <summary>The bpf(2) commands the runtime needs: load a program, attach it to a cgroup, list and detach what is attached.</summary>
public static class BpfPrograms
{
    public const uint ProgramTypeCgroupDevice = 15;
    public const uint AttachCgroupDevice = 6;
    public const uint FlagAllowMulti = 2;

    private const long BPF_PROG_LOAD = 5, BPF_PROG_ATTACH = 8, BPF_PROG_DETACH = 9, BPF_PROG_GET_FD_BY_ID = 13, BPF_PROG_QUERY = 16;
    private const int AttrSize = 128; // larger than every layout used here; the kernel wants the unused tail zeroed

    /// <summary>Loads a program; a verifier rejection throws with the verifier's log.</summary>
    public static unsafe SafeFdHandle Load(uint type, ReadOnlySpan<EbpfInstruction> program, string license = "Apache-2.0")
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        var log = new byte[16384];
        var licenseBytes = System.Text.Encoding.ASCII.GetBytes(license + "\0");
        fixed (EbpfInstruction* insns = program)
        fixed (byte* lic = licenseBytes, logBuf = log)
        {
            *(uint*)(attr + 0) = type;
            *(uint*)(attr + 4) = (uint)program.Length;
            *(ulong*)(attr + 8) = (ulong)insns;
            *(ulong*)(attr + 16) = (ulong)lic;
            *(uint*)(attr + 24) = 1; // log_level: the verifier explains a rejection
            *(uint*)(attr + 28) = (uint)log.Length;
            *(ulong*)(attr + 32) = (ulong)logBuf;
            var fd = Interop.syscall(Interop.Sys.bpf, BPF_PROG_LOAD, (long)attr, AttrSize);
            if (fd < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                var text = System.Text.Encoding.ASCII.GetString(log).TrimEnd('\0').Trim();
                throw new ErrnoException("bpf", errno, text.Length == 0 ? "BPF_PROG_LOAD" : $"BPF_PROG_LOAD: {text}");
            }
            return new SafeFdHandle((int)fd);
        }
    }

    public static unsafe void Attach(SafeFdHandle cgroup, SafeFdHandle program, uint attachType, uint flags)
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        *(uint*)(attr + 0) = (uint)cgroup.Fd;
        *(uint*)(attr + 4) = (uint)program.Fd;
        *(uint*)(attr + 8) = attachType;
        *(uint*)(attr + 12) = flags;
        Errors.Check(Interop.syscall(Interop.Sys.bpf, BPF_PROG_ATTACH, (long)attr, AttrSize), "bpf", "BPF_PROG_ATTACH");
    }

    public static unsafe void Detach(SafeFdHandle cgroup, SafeFdHandle program, uint attachType)
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        *(uint*)(attr + 0) = (uint)cgroup.Fd;
        *(uint*)(attr + 4) = (uint)program.Fd;
        *(uint*)(attr + 8) = attachType;
        Errors.Check(Interop.syscall(Interop.Sys.bpf, BPF_PROG_DETACH, (long)attr, AttrSize), "bpf", "BPF_PROG_DETACH");
    }

    /// <summary>The ids of the programs attached directly to the cgroup for <paramref name="attachType"/>.</summary>
    public static unsafe uint[] Query(SafeFdHandle cgroup, uint attachType)
    {
        var ids = new uint[64];
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        fixed (uint* p = ids)
        {
            *(uint*)(attr + 0) = (uint)cgroup.Fd;
            *(uint*)(attr + 4) = attachType;
            *(ulong*)(attr + 16) = (ulong)p;
            *(uint*)(attr + 24) = (uint)ids.Length;
            Errors.Check(Interop.syscall(Interop.Sys.bpf, BPF_PROG_QUERY, (long)attr, AttrSize), "bpf", "BPF_PROG_QUERY");
            return ids[..(int)*(uint*)(attr + 24)];
        }
    }

    public static unsafe SafeFdHandle OpenById(uint id)
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        *(uint*)attr = id;
        return new SafeFdHandle((int)Errors.Check(Interop.syscall(Interop.Sys.bpf, BPF_PROG_GET_FD_BY_ID, (long)attr, AttrSize), "bpf", $"BPF_PROG_GET_FD_BY_ID {id}"));
    }
}
