using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>java.io.RandomAccessFile: positioned reads and writes on a descriptor from the VM's table (see JavaIo).</summary>
internal static class JavaIoRandomAccessFile
{
    private const string C = "java/io/RandomAccessFile";
    private const int ReadWrite = 2, Sync = 4, DataSync = 8; // RandomAccessFile's O_* mode bits

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initIDs", "()V", static (t, a) => default);
        r.Add(C, "open0", "(Ljava/lang/String;I)V", static (t, a) =>
        {
            var mode = a[2].I;
            var flags = (mode & ReadWrite) != 0 ? FileIo.O_RDWR | FileIo.O_CREAT : FileIo.O_RDONLY;
            if ((mode & Sync) != 0) flags |= 0x101000; // O_SYNC
            else if ((mode & DataSync) != 0) flags |= 0x1000; // O_DSYNC
            JavaIo.OpenInto(t, a[0].R!, t.Vm.StringOf(a[1].R)!, flags);
            return default;
        });
        r.Add(C, "read0", "()I", static (t, a) =>
        {
            Span<byte> one = stackalloc byte[1];
            return Slot.OfInt(JavaIo.Read(t, JavaIo.Fd(t, a[0].R!), one) == 0 ? -1 : one[0]);
        });
        r.Add(C, "readBytes", "([BII)I", static (t, a) =>
        {
            var buffer = JavaIo.Bytes(t, a[1].R, a[2].I, a[3].I);
            if (buffer.Length == 0) return Slot.OfInt(0);
            var n = JavaIo.Read(t, JavaIo.Fd(t, a[0].R!), buffer);
            return Slot.OfInt(n == 0 ? -1 : n);
        });
        r.Add(C, "write0", "(I)V", static (t, a) => { JavaIo.Write(t, JavaIo.Fd(t, a[0].R!), [(byte)a[1].I]); return default; });
        r.Add(C, "writeBytes", "([BII)V", static (t, a) =>
        {
            JavaIo.Write(t, JavaIo.Fd(t, a[0].R!), JavaIo.Bytes(t, a[1].R, a[2].I, a[3].I));
            return default;
        });
        r.Add(C, "getFilePointer", "()J", static (t, a) => Slot.OfLong(FileIo.Seek(Handle(t, a[0]), 0, FileIo.SEEK_CUR)), NativeRegistry.IOException);
        r.Add(C, "seek0", "(J)V", static (t, a) =>
        {
            FileIo.Seek(Handle(t, a[0]), a[1].J, FileIo.SEEK_SET);
            return default;
        }, NativeRegistry.IOException);
        r.Add(C, "length", "()J", static (t, a) => Slot.OfLong(PosixFiles.Status(Handle(t, a[0])).Size), NativeRegistry.IOException);
        r.Add(C, "setLength", "(J)V", static (t, a) =>
        {
            StartupGate.Current?.Need("truncating a file");
            var h = Handle(t, a[0]);
            var length = a[1].J;
            var position = FileIo.Seek(h, 0, FileIo.SEEK_CUR);
            FileIo.Truncate(h, length);
            if (position > length) FileIo.Seek(h, length, FileIo.SEEK_SET);
            return default;
        }, NativeRegistry.IOException);
    }

    private static SafeFdHandle Handle(JThread t, Slot file) => JavaIo.Handle(t, JavaIo.Fd(t, file.R!));
}
