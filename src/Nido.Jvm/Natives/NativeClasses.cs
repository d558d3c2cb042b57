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
        JavaLangMath.Register,
        JdkInternalMisc.Register,
        JdkInternalMiscUnsafe.Register,
        JdkInternalUtilSystemProps.Register,
        JavaIo.Register,
        JavaIoUnixFileSystem.Register,
        JavaIoRandomAccessFile.Register,
        JavaUtilZipCRC32.Register,
        JavaUtilZipAdler32.Register,
        JavaUtilZipDeflater.Register,
        JavaUtilZipInflater.Register,
        SunNioFsUnixNativeDispatcher.Register,
        SunNioFsLinuxNativeDispatcher.Register,
        SunNioFsUnixCopyFile.Register,
        SunNioChFileDispatcherImpl.Register,
        SunNioChFileChannelImpl.Register,
        SunNioChIOUtil.Register,
        SunNioChNativeThread.Register,
        SunNioChFileKey.Register,
        JavaLangReflectAndLoaders.Register,
        JavaLangRefReference.Register,
        JdkInternalLoaderNativeLibraries.Register,
        Modules.Register,
        JdkInternalReflectConstantPool.Register,
        JdkInternalJimageNativeImageBuffer.Register,
        MethodHandleNativesSupport.Register,
    ];
}
