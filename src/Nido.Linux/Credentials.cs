namespace Nido.Linux;

/// <summary>
/// setresuid/setresgid/setgroups as raw system calls: they change the calling thread only. glibc's wrappers
/// broadcast to every thread (POSIX semantics), which in a .NET process would also change runtime threads.
/// </summary>
public static class Credentials
{
    public static void SetResUid(uint ruid, uint euid, uint suid) =>
        Errors.Check(Interop.syscall(Interop.Sys.setresuid, ruid, euid, suid), "setresuid", $"{ruid}, {euid}, {suid}");

    public static void SetResGid(uint rgid, uint egid, uint sgid) =>
        Errors.Check(Interop.syscall(Interop.Sys.setresgid, rgid, egid, sgid), "setresgid", $"{rgid}, {egid}, {sgid}");

    public static unsafe void SetGroups(ReadOnlySpan<uint> groups)
    {
        fixed (uint* p = groups)
            Errors.Check(Interop.syscall(Interop.Sys.setgroups, groups.Length, (long)p), "setgroups", $"{groups.Length} groups");
    }

    public static uint EffectiveUid => Interop.geteuid();
    public static uint RealUid => Interop.getuid();
    public static uint EffectiveGid => Interop.getegid();
    public static uint RealGid => Interop.getgid();
    public static bool IsRoot => Interop.geteuid() == 0;
}
