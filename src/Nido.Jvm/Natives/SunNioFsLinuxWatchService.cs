using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.fs.LinuxWatchService: the WatchService's inotify instance, and the socket pair and poll its background
/// thread waits on (a byte on the pair wakes it for a registration or close). The Java side reads the events
/// (struct inotify_event: wd, mask, cookie, len, name) with UnixNativeDispatcher.read and closes with close0.
/// </summary>
internal static unsafe class SunNioFsLinuxWatchService
{
    private const string C = "sun/nio/fs/LinuxWatchService";

    public static void Register(NativeRegistry r)
    {
        Add(r, "eventSize", "()I", static (t, a) => Slot.OfInt(16));
        Add(r, "eventOffsets", "()[I", static (t, a) =>
        {
            var offsets = (JArray<int>)t.Vm.NewPrimitiveArray(10, 5);
            int[] layout = [0, 4, 8, 12, 16];
            layout.CopyTo(offsets.Data, 0);
            return Slot.OfRef(offsets);
        });
        Add(r, "inotifyInit", "()I", static (t, a) => Slot.OfInt(FileDescriptors.Add(Inotify.Open())));
        Add(r, "inotifyAddWatch", "(IJI)I", static (t, a) =>
            Slot.OfInt(Inotify.AddWatch(FileDescriptors.Get(a[0].I), (byte*)a[1].J, (uint)a[3].I)));
        Add(r, "inotifyRmWatch", "(II)V", static (t, a) =>
        {
            Inotify.RemoveWatch(FileDescriptors.Get(a[0].I), a[1].I);
            return default;
        });
        Add(r, "configureBlocking", "(IZ)V", static (t, a) =>
        {
            FileIo.SetNonBlocking(FileDescriptors.Get(a[0].I), a[1].I == 0);
            return default;
        });
        Add(r, "socketpair", "([I)V", static (t, a) =>
        {
            var sv = (JArray<int>)a[0].R!;
            if (sv.Data.Length < 2) throw t.Vm.Throw("java/lang/ArrayIndexOutOfBoundsException", null);
            var (first, second) = UnixSockets.SocketPair();
            sv.Data[0] = FileDescriptors.Add(first);
            sv.Data[1] = FileDescriptors.Add(second);
            return default;
        });
        Add(r, "poll", "(II)I", static (t, a) =>
            Slot.OfInt(Inotify.WaitReadable(FileDescriptors.Get(a[0].I), FileDescriptors.Get(a[1].I))));
    }

    /// <summary>Registers a native whose ErrnoException becomes a Java UnixException, as the JDK's throwUnixException.</summary>
    private static void Add(NativeRegistry r, string name, string descriptor, NativeMethod body) =>
        r.Add(C, name, descriptor, body, static (t, e) => SunNioFsUnixNativeDispatcher.UnixException(t, e.ErrnoValue));
}
