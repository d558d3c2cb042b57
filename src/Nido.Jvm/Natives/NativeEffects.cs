using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// Which native methods act only inside the process (safe to run in a run that may yet vanish: see
/// <see cref="StartupGate"/>) and which reach outside it. The list names the safe ones: every native not on it, and every
/// JNI method of a user library, waits for the gate before it runs. Natives on it whose effect depends on their
/// arguments check the gate themselves (writes to a descriptor other than stdout and stderr, reads from stdin or a pipe,
/// files opened for writing: JavaIo, RandomAccessFile, UnixNativeDispatcher.open0).
/// </summary>
internal static class NativeEffects
{
    // Classes whose natives never reach outside the process (prefixes end in '/').
    private static readonly string[] SafeClasses =
    [
        "java/lang/Object", "java/lang/Class", "java/lang/System", "java/lang/Thread", "java/lang/Runtime",
        "java/lang/Double", "java/lang/Float", "java/lang/Math", "java/lang/StrictMath", "java/lang/String",
        "java/lang/StringUTF16", "java/lang/StringCoding", "java/lang/Throwable", "java/lang/StackTraceElement",
        "java/lang/StackStreamFactory", "java/lang/StackStreamFactory$AbstractStackWalker", "java/lang/NullPointerException",
        "java/lang/SecurityManager", "java/lang/ClassLoader", "java/lang/ClassLoader$NativeLibrary", "java/lang/Module",
        "java/lang/Shutdown", "java/lang/ProcessEnvironment", "java/lang/Package", "java/lang/ref/", "java/lang/reflect/",
        "java/lang/invoke/", "java/security/AccessController", "java/util/TimeZone", "java/util/concurrent/atomic/", "java/util/zip/CRC32",
        "java/util/zip/CRC32C", "java/util/zip/Adler32", "java/util/zip/Inflater", "java/util/zip/Deflater",
        "java/io/ObjectStreamClass", "java/io/ObjectInputStream", "java/io/ObjectOutputStream", "java/io/FileDescriptor",
        "java/io/FileInputStream", "java/io/RandomAccessFile", "jdk/internal/reflect/", "jdk/internal/jimage/",
        "jdk/internal/perf/", "jdk/internal/util/SystemProps$Raw", "jdk/internal/vm/", "jdk/internal/loader/BootLoader",
        "jdk/internal/loader/NativeLibraries", "jdk/internal/loader/NativeLibrary", "sun/nio/ch/NativeThread",
        "sun/nio/ch/FileKey",
        // jdk/internal/misc: Unsafe, VM, CDS, ScopedMemoryAccess, Signal (but raise0, below)
        "jdk/internal/misc/",
    ];

    // Single natives of classes that also have unsafe ones.
    private static readonly HashSet<string> SafeMethods = new(StringComparer.Ordinal)
    {
        "java/io/FileOutputStream.initIDs", "java/io/FileOutputStream.writeBytes", "java/io/FileOutputStream.write",
        "java/io/Console.istty", "java/io/Console.encoding",
        "java/lang/ProcessHandleImpl.initNative", "java/lang/ProcessHandleImpl.getCurrentPid0",
        "java/lang/ProcessHandleImpl.isAlive0", "java/lang/ProcessHandleImpl.parent0",
        "java/lang/ProcessHandleImpl$Info.initIDs", "java/lang/ProcessHandleImpl$Info.info0",
        "java/lang/ProcessImpl.init",
        "java/io/UnixFileSystem.initIDs", "java/io/UnixFileSystem.canonicalize0", "java/io/UnixFileSystem.getBooleanAttributes0",
        "java/io/UnixFileSystem.checkAccess", "java/io/UnixFileSystem.getLastModifiedTime", "java/io/UnixFileSystem.getLength",
        "java/io/UnixFileSystem.list", "java/io/UnixFileSystem.getSpace", "java/io/UnixFileSystem.getNameMax0",
        "sun/nio/fs/UnixNativeDispatcher.init", "sun/nio/fs/UnixNativeDispatcher.getcwd", "sun/nio/fs/UnixNativeDispatcher.strerror",
        "sun/nio/fs/UnixNativeDispatcher.open0", "sun/nio/fs/UnixNativeDispatcher.openat0", "sun/nio/fs/UnixNativeDispatcher.close0",
        "sun/nio/fs/UnixNativeDispatcher.readlink0", "sun/nio/fs/UnixNativeDispatcher.realpath0", "sun/nio/fs/UnixNativeDispatcher.stat0",
        "sun/nio/fs/UnixNativeDispatcher.stat1", "sun/nio/fs/UnixNativeDispatcher.lstat0", "sun/nio/fs/UnixNativeDispatcher.fstat0",
        "sun/nio/fs/UnixNativeDispatcher.fstatat0", "sun/nio/fs/UnixNativeDispatcher.opendir0", "sun/nio/fs/UnixNativeDispatcher.fdopendir",
        "sun/nio/fs/UnixNativeDispatcher.closedir", "sun/nio/fs/UnixNativeDispatcher.readdir", "sun/nio/fs/UnixNativeDispatcher.access0",
        "sun/nio/fs/UnixNativeDispatcher.exists0", "sun/nio/fs/UnixNativeDispatcher.getpwuid", "sun/nio/fs/UnixNativeDispatcher.getgrgid",
        "sun/nio/fs/UnixNativeDispatcher.getpwnam0", "sun/nio/fs/UnixNativeDispatcher.getgrnam0", "sun/nio/fs/UnixNativeDispatcher.statvfs0",
        "sun/nio/ch/IOUtil.initIDs", "sun/nio/ch/IOUtil.iovMax", "sun/nio/ch/IOUtil.writevMax", "sun/nio/ch/IOUtil.fdLimit",
        "sun/nio/ch/IOUtil.fdVal", "sun/nio/ch/IOUtil.setfdVal", "sun/nio/ch/IOUtil.configureBlocking", "sun/nio/ch/IOUtil.makePipe",
        "sun/nio/ch/IOUtil.drain", "sun/nio/ch/IOUtil.drain1", "sun/nio/ch/IOUtil.write1",
        "sun/nio/ch/FileDispatcherImpl.init", "sun/nio/ch/FileDispatcherImpl.closeIntFD",
        "jdk/internal/misc/Signal.findSignal0", "jdk/internal/misc/Signal.handle0",
    };

    private static readonly HashSet<string> UnsafeMethods = new(StringComparer.Ordinal)
    {
        "jdk/internal/misc/Signal.raise0",
    };

    /// <summary>True when <paramref name="className"/>.<paramref name="name"/> never acts outside the process by itself.</summary>
    public static bool IsSafe(string className, string name)
    {
        var key = $"{className}.{name}";
        if (UnsafeMethods.Contains(key)) return false;
        if (SafeMethods.Contains(key)) return true;
        foreach (var c in SafeClasses)
            if (c.EndsWith('/') ? className.StartsWith(c, StringComparison.Ordinal) : className == c) return true;
        return false;
    }

    /// <summary>
    /// <paramref name="native"/> as bound while the process's run is undecided: an unsafe one first waits for the gate.
    /// Bound after the decision (or with no gate), natives are left as they are.
    /// </summary>
    public static NativeMethod Gate(JMethod method, NativeMethod native, bool userLibrary)
    {
        if (StartupGate.Current is not { IsLive: false } gate) return native;
        if (!userLibrary && IsSafe(method.Owner.Name, method.Name)) return native;
        var what = $"{method.Owner.JavaName}.{method.Name}";
        return (t, a) =>
        {
            gate.Need(what);
            return native(t, a);
        };
    }
}
