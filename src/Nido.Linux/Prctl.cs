namespace Nido.Linux;

/// <summary>The prctl(2) options the runtime and VMM use. Most act on the calling thread only.</summary>
public static class Prctl
{
    private static int Call(int option, string name, nuint a2 = 0, nuint a3 = 0, nuint a4 = 0, nuint a5 = 0) =>
        Errors.Check(Interop.prctl(option, a2, a3, a4, a5), "prctl", name);

    public static void SetNoNewPrivileges() => Call(Interop.PR_SET_NO_NEW_PRIVS, "PR_SET_NO_NEW_PRIVS", 1);

    public static bool GetNoNewPrivileges() => Call(Interop.PR_GET_NO_NEW_PRIVS, "PR_GET_NO_NEW_PRIVS") == 1;

    public static void SetParentDeathSignal(int signal) => Call(Interop.PR_SET_PDEATHSIG, "PR_SET_PDEATHSIG", (nuint)signal);

    public static unsafe int GetParentDeathSignal()
    {
        int sig;
        Call(Interop.PR_GET_PDEATHSIG, "PR_GET_PDEATHSIG", (nuint)(&sig));
        return sig;
    }

    /// <summary>Orphaned descendants are re-parented to this process (what conmon and containerd's shim do).</summary>
    public static void SetChildSubreaper(bool value) => Call(Interop.PR_SET_CHILD_SUBREAPER, "PR_SET_CHILD_SUBREAPER", value ? 1u : 0u);

    public static unsafe bool GetChildSubreaper()
    {
        int value;
        Call(Interop.PR_GET_CHILD_SUBREAPER, "PR_GET_CHILD_SUBREAPER", (nuint)(&value));
        return value != 0;
    }

    public static void SetKeepCapabilities(bool value) => Call(Interop.PR_SET_KEEPCAPS, "PR_SET_KEEPCAPS", value ? 1u : 0u);

    public static bool GetKeepCapabilities() => Call(Interop.PR_GET_KEEPCAPS, "PR_GET_KEEPCAPS") == 1;

    public static void SetDumpable(bool value) => Call(Interop.PR_SET_DUMPABLE, "PR_SET_DUMPABLE", value ? 1u : 0u);

    public static bool GetDumpable() => Call(Interop.PR_GET_DUMPABLE, "PR_GET_DUMPABLE") == 1;

    /// <summary>Sets the thread's name (comm), truncated by the kernel to 15 bytes.</summary>
    public static unsafe void SetName(string name)
    {
        fixed (byte* p = Mounts.Utf8Z(name))
            Call(Interop.PR_SET_NAME, "PR_SET_NAME", (nuint)p);
    }

    public static unsafe string GetName()
    {
        byte* buf = stackalloc byte[16];
        Call(Interop.PR_GET_NAME, "PR_GET_NAME", (nuint)buf);
        return new string((sbyte*)buf);
    }

    public static int GetSeccompMode() => Call(Interop.PR_GET_SECCOMP, "PR_GET_SECCOMP");

    public static bool BoundingSetHas(Capability cap) => Call(Interop.PR_CAPBSET_READ, "PR_CAPBSET_READ", (nuint)cap) == 1;

    public static void BoundingSetDrop(Capability cap) => Call(Interop.PR_CAPBSET_DROP, "PR_CAPBSET_DROP", (nuint)cap);

    public static void AmbientRaise(Capability cap) =>
        Call(Interop.PR_CAP_AMBIENT, "PR_CAP_AMBIENT_RAISE", Interop.PR_CAP_AMBIENT_RAISE, (nuint)cap);

    public static void AmbientClearAll() => Call(Interop.PR_CAP_AMBIENT, "PR_CAP_AMBIENT_CLEAR_ALL", Interop.PR_CAP_AMBIENT_CLEAR_ALL);

    public static bool AmbientIsSet(Capability cap) =>
        Call(Interop.PR_CAP_AMBIENT, "PR_CAP_AMBIENT_IS_SET", Interop.PR_CAP_AMBIENT_IS_SET, (nuint)cap) == 1;
}
