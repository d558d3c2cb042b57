namespace Nido.Jvm.Launcher;

/// <summary>java.c's option classes: which launcher options take their value as the next argument.</summary>
internal static class LauncherOptions
{
    public static bool IsClassPathOption(string arg) => arg is "-classpath" or "-cp" or "--class-path";

    public static bool IsLauncherMainOption(string arg) => arg is "--module" or "-m";

    public static bool IsLauncherOption(string arg) =>
        IsClassPathOption(arg) || IsLauncherMainOption(arg) || arg is "--describe-module" or "-d" or "--source";

    /// <summary>Module options the launcher hands to the VM as --name=value.</summary>
    public static bool IsModuleOption(string arg) =>
        arg is "--module-path" or "-p" or "--upgrade-module-path" or "--add-modules" or "--enable-native-access"
            or "--limit-modules" or "--add-exports" or "--add-opens" or "--add-reads" or "--patch-module";

    /// <summary>The --name= forms the launcher rejects when empty (--add-opens= is not among them).</summary>
    public static bool IsLongFormModuleOption(string arg) =>
        StartsWithAny(arg, "--module-path=", "--upgrade-module-path=", "--add-modules=", "--enable-native-access=",
            "--limit-modules=", "--add-exports=", "--add-reads=", "--patch-module=");

    public static bool IsWhiteSpaceOption(string arg) => IsModuleOption(arg) || IsLauncherOption(arg);

    public static bool StartsWithAny(string arg, params string[] prefixes) =>
        prefixes.Any(p => arg.StartsWith(p, StringComparison.Ordinal));
}
