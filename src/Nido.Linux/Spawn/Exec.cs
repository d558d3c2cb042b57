namespace Nido.Linux;

/// <summary>execve(2) of the calling process (a container init becoming the container's program). Returns only by throwing.</summary>
public static class Exec
{
    public static unsafe void Execve(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        using var arena = new NativeArena();
        var p = arena.Utf8(path);
        var a = arena.StringArray(argv);
        var e = arena.StringArray(envp);
        Interop.syscall(Interop.Sys.execve, (long)p, (long)a, (long)e);
        Errors.Throw("execve", path);
    }

    /// <summary>This process's environment as execve takes it ("NAME=value" entries).</summary>
    public static List<string> InheritedEnvironment()
    {
        var vars = Environment.GetEnvironmentVariables();
        var list = new List<string>(vars.Count);
        foreach (System.Collections.DictionaryEntry e in vars) list.Add($"{e.Key}={e.Value}");
        return list;
    }

    /// <summary>The search path when PATH is unset (glibc's and runc's default).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Finds <paramref name="name"/> on a PATH list as execvp would (names with '/' are used as given).</summary>
    public static string? Which(string name, string? pathVariable)
    {
        if (name.Contains('/')) return name;
        foreach (var dir in (pathVariable ?? DefaultPath).Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? "." : dir, name);
            try
            {
                if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                    return candidate;
            }
            catch (IOException) { } // a dangling or looping link: not a program, as execvp would skip it
            catch (UnauthorizedAccessException) { }
        }
        return null;
    }
}
