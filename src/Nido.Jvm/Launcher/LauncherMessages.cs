namespace Nido.Jvm.Launcher;

/// <summary>The texts java's launcher and HotSpot print, kept verbatim so scripts see the same output.</summary>
internal static class LauncherMessages
{
    public const string CouldNotCreateVm = "Error: Could not create the Java Virtual Machine.";
    public const string FatalException = "Error: A fatal exception has occurred. Program will exit.";
    public const string VmInitError = "Error occurred during initialization of VM";
    public const string BootLayerError = "Error occurred during initialization of boot layer";

    /// <summary>HotSpot prefixes warning() text with the VM's name; ours is Nido's.</summary>
    public const string VmWarningPrefix = "Nido JVM warning: ";

    public const string JdkJavaOptions = "JDK_JAVA_OPTIONS";
    public const string JavaToolOptions = "JAVA_TOOL_OPTIONS";
    public const string UnderscoreJavaOptions = "_JAVA_OPTIONS";

    public static string NotSupported(string what) => $"Error: {what} is not supported by Nido";

    /// <summary>The launcher's words for a -jar file it cannot use.</summary>
    public static string JarError(JarFileException e, string jar) =>
        e.CannotOpen ? $"Error: Unable to access jarfile {jar}" : $"Error: Invalid or corrupt jarfile {jar}";
}
