using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>sun.nio.ch.FileKey: a file's identity (device and inode) for FileChannel's lock table.</summary>
internal static class SunNioChFileKey
{
    private const string C = "sun/nio/ch/FileKey";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initIDs", "()V", static (t, a) => default);
        r.Add(C, "init", "(Ljava/io/FileDescriptor;)V", static (t, a) =>
        {
            var status = PosixFiles.Status(FileDescriptors.Get(FileDescriptors.Of(t.Vm, a[1].R!)));
            var key = a[0].R!;
            t.Vm.SetField(key, key.Class, "st_dev", Slot.OfLong((long)status.Device));
            t.Vm.SetField(key, key.Class, "st_ino", Slot.OfLong((long)status.Inode));
            return default;
        }, NativeRegistry.IOException);
    }
}
