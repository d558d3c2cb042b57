namespace Nido.Jvm.Natives;

/// <summary>Every natives file's Register, listed explicitly (no reflection: the VM is AOT-compiled).</summary>
internal static class NativeClasses
{
    public static readonly Action<NativeRegistry>[] All =
    [
        JavaLangObject.Register,
        JavaLangClass.Register,
        JavaLangSystem.Register,
        JavaLangThread.Register,
        JavaLangThrowable.Register,
        JavaLangMisc.Register,
        JdkInternalMisc.Register,
        JdkInternalMiscUnsafe.Register,
        JdkInternalUtilSystemProps.Register,
        JavaIo.Register,
        JavaIoUnixFileSystem.Register,
        JavaLangReflectAndLoaders.Register,
        JdkInternalLoaderNativeLibraries.Register,
        Modules.Register,
        MethodHandleNativesSupport.Register,
    ];
}
