using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// SystemProps$Raw: the VM's properties (java.home, the class path, -D options …) as key/value pairs, and the
/// platform's at the fixed indices SystemProps$Raw declares (_display_country_NDX = 0 … _user_name_NDX = 38).
/// </summary>
internal static class JdkInternalUtilSystemProps
{
    private const string C = "jdk/internal/util/SystemProps$Raw";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "vmProperties", "()[Ljava/lang/String;", static (t, a) =>
        {
            var vm = t.Vm;
            var o = vm.Options;
            var props = new List<KeyValuePair<string, string>>
            {
                new("java.home", o.JavaHome),
                new("java.class.path", o.ClassPathProperty ?? string.Join(':', o.ClassPath)),
                new("java.vm.specification.name", "Java Virtual Machine Specification"),
                new("java.vm.specification.vendor", "Oracle Corporation"),
                new("java.vm.specification.version", "17"),
                new("java.vm.name", "Nido JVM"),
                new("java.vm.vendor", "Nido"),
                new("java.vm.version", vm.JavaVersion),
                new("java.vm.info", vm.InfoMode),
                new("jdk.debug", "release"),
                new("sun.boot.library.path", Path.Combine(o.JavaHome, "lib")),
                new("java.library.path", LibraryPath()),
                new("sun.java.launcher", "SUN_STANDARD"),
                new("sun.management.compiler", "Nido CIL JIT"),
            };
            if (o.JavaCommand is { } command) props.Add(new("sun.java.command", command));
            foreach (var property in o.SystemProperties) props.Add(property);
            var array = (JArray<JObject?>)vm.NewArray(vm.StringClass, props.Count * 2);
            for (var i = 0; i < props.Count; i++)
            {
                array.Data[2 * i] = vm.NewString(props[i].Key);
                array.Data[2 * i + 1] = vm.NewString(props[i].Value);
            }
            return Slot.OfRef(array);
        });
        r.Add(C, "platformProperties", "()[Ljava/lang/String;", static (t, a) =>
        {
            var vm = t.Vm;
            var encoding = NativeEncoding();
            var values = new string?[39];
            values[1] = "en"; // display language (C/POSIX locales map to en)
            values[4] = encoding; // file.encoding
            values[5] = "/";
            values[18] = "/tmp"; // P_tmpdir: HotSpot does not read TMPDIR
            values[19] = "\n";
            values[20] = "amd64";
            values[21] = "Linux";
            values[22] = OsVersion();
            values[23] = ":";
            values[27] = null; // sun.arch.abi
            values[28] = "64";
            values[29] = "little";
            values[30] = "";
            values[31] = "UnicodeLittle";
            values[32] = encoding; // sun.jnu.encoding
            values[33] = "unknown";
            values[34] = Console.IsErrorRedirected ? null : encoding;
            values[35] = Console.IsOutputRedirected ? null : encoding;
            values[36] = Environment.CurrentDirectory;
            // user.home from the password database as HotSpot (not $HOME), "?" when there is no entry.
            var home = Nido.Linux.PosixFiles.HomeDirectory((int)Nido.Linux.Credentials.RealUid) is { } pw ? System.Text.Encoding.UTF8.GetString(pw) : null;
            values[37] = home is { Length: >= 2 } ? home : Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } env ? env : home ?? "?";
            values[38] = Environment.UserName;
            var array = (JArray<JObject?>)vm.NewArray(vm.StringClass, values.Length);
            for (var i = 0; i < values.Length; i++) array.Data[i] = values[i] is { } v ? vm.NewString(v) : null;
            return Slot.OfRef(array);
        });
    }

    /// <summary>The locale's codeset as the JDK reports it: UTF-8 for UTF-8 locales, else ANSI_X3.4-1968 (C/POSIX).</summary>
    private static string NativeEncoding()
    {
        var locale = Environment.GetEnvironmentVariable("LC_ALL") is { Length: > 0 } all ? all
            : Environment.GetEnvironmentVariable("LC_CTYPE") is { Length: > 0 } ctype ? ctype
            : Environment.GetEnvironmentVariable("LANG") ?? "";
        return locale.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || locale.Contains("utf8", StringComparison.OrdinalIgnoreCase)
            ? "UTF-8" : "ANSI_X3.4-1968";
    }

    private static string OsVersion()
    {
        return Nido.Linux.TextFile.TryRead("/proc/sys/kernel/osrelease")?.Trim() ?? "unknown";
    }

    /// <summary>As HotSpot on Linux: LD_LIBRARY_PATH's entries, then the default directories (Debian's multiarch ones included).</summary>
    private static string LibraryPath()
    {
        const string defaults = "/usr/java/packages/lib:/usr/lib/x86_64-linux-gnu/jni:/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:/usr/lib/jni:/lib:/usr/lib";
        return Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") is { Length: > 0 } ld ? $"{ld}:{defaults}" : defaults;
    }
}
