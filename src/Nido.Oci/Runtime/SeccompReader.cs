namespace Nido.Oci.Runtime;

/// <summary>linux.seccomp, read as <see cref="SpecReader"/> reads the rest of config.json.</summary>
public static class SeccompReader
{
    public static Seccomp Seccomp(ref JsonCursor c)
    {
        string defaultAction = ""; uint? defaultErrno = null; List<string>? architectures = null, flags = null;
        string? listenerPath = null, listenerMetadata = null; List<SeccompSyscall>? syscalls = null;
        for (c.StartObject(); c.NextProperty(out var name);)
            switch (name)
            {
                case "defaultAction": defaultAction = c.String(defaultAction); break;
                case "defaultErrnoRet": defaultErrno = c.NullableUInt32(); break;
                case "architectures": architectures = c.Strings(); break;
                case "flags": flags = c.Strings(); break;
                case "listenerPath": listenerPath = c.NullableString(); break;
                case "listenerMetadata": listenerMetadata = c.NullableString(); break;
                case "syscalls": syscalls = c.Array(SeccompSyscall); break;
                default: c.Skip(); break;
            }
        return new Seccomp
        {
            DefaultAction = defaultAction, DefaultErrnoRet = defaultErrno, Architectures = architectures, Flags = flags,
            ListenerPath = listenerPath, ListenerMetadata = listenerMetadata, Syscalls = syscalls,
        };
    }

    private static SeccompSyscall SeccompSyscall(ref JsonCursor c)
    {
        List<string> names = []; string action = ""; uint? errno = null; List<SeccompArg>? args = null;
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "names": names = c.Strings() ?? names; break;
                    case "action": action = c.String(action); break;
                    case "errnoRet": errno = c.NullableUInt32(); break;
                    case "args": args = c.Array(SeccompArg); break;
                    default: c.Skip(); break;
                }
        return new SeccompSyscall { Names = names, Action = action, ErrnoRet = errno, Args = args };
    }

    private static SeccompArg SeccompArg(ref JsonCursor c)
    {
        uint index = 0; ulong value = 0, valueTwo = 0; string op = "";
        if (c.Object())
            while (c.NextProperty(out var name))
                switch (name)
                {
                    case "index": index = c.UInt32(index); break;
                    case "value": value = c.UInt64(value); break;
                    case "valueTwo": valueTwo = c.UInt64(valueTwo); break;
                    case "op": op = c.String(op); break;
                    default: c.Skip(); break;
                }
        return new SeccompArg { Index = index, Value = value, ValueTwo = valueTwo, Op = op };
    }
}
