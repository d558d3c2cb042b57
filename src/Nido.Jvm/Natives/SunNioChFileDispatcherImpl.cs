using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.ch.FileDispatcherImpl: FileChannel's reads, writes, positioning, sync, truncation and record locks on the
/// descriptor of a java.io.FileDescriptor, with buffers as native addresses. Results follow IOStatus (EOF is -1).
/// </summary>
internal static unsafe class SunNioChFileDispatcherImpl
{
    private const string C = "sun/nio/ch/FileDispatcherImpl";
    private const string Fd = "Ljava/io/FileDescriptor;";
    private const int Eof = -1, NoLock = -1, Locked = 0;

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "init", "()V", static (t, a) => default);
        // Reads and writes serve sockets too (SocketDispatcher writes through here): EAGAIN and EINTR become
        // IOStatus codes, as libnio's convertReturnVal, for non-blocking channels and threads woken by a close.
        Add(r, "read0", $"({Fd}JI)I", static (t, a) => Slot.OfInt(InetSupport.Status(t, FileIo.TryRead(H(t, a[0]), (nint)a[1].J, a[3].I), reading: true)));
        Add(r, "pread0", $"({Fd}JIJ)I", static (t, a) => Slot.OfInt(ReadResult(FileIo.PRead(H(t, a[0]), Buffer(a[1], a[3].I), a[4].J))));
        Add(r, "readv0", $"({Fd}JI)J", static (t, a) => Slot.OfLong(InetSupport.StatusLong(t, FileIo.TryReadVector(H(t, a[0]), (nint)a[1].J, a[3].I), reading: true)));
        Add(r, "write0", $"({Fd}JI)I", static (t, a) => Slot.OfInt(InetSupport.Status(t, FileIo.TryWrite(H(t, a[0]), (nint)a[1].J, a[3].I), reading: false)));
        Add(r, "pwrite0", $"({Fd}JIJ)I", static (t, a) => Slot.OfInt(FileIo.PWrite(H(t, a[0]), Buffer(a[1], a[3].I), a[4].J)));
        Add(r, "writev0", $"({Fd}JI)J", static (t, a) => Slot.OfLong(InetSupport.StatusLong(t, FileIo.TryWriteVector(H(t, a[0]), (nint)a[1].J, a[3].I), reading: false)));
        Add(r, "force0", $"({Fd}Z)I", static (t, a) =>
        {
            if (a[1].I != 0) FileIo.Sync(H(t, a[0])); else FileIo.DataSync(H(t, a[0]));
            return Slot.OfInt(0);
        });
        // seek0 with a negative offset asks for the position.
        Add(r, "seek0", $"({Fd}J)J", static (t, a) => Slot.OfLong(a[1].J < 0
            ? FileIo.Seek(H(t, a[0]), 0, FileIo.SEEK_CUR)
            : FileIo.Seek(H(t, a[0]), a[1].J, FileIo.SEEK_SET)));
        Add(r, "truncate0", $"({Fd}J)I", static (t, a) => { FileIo.Truncate(H(t, a[0]), a[1].J); return Slot.OfInt(0); });
        Add(r, "size0", $"({Fd})J", static (t, a) => Slot.OfLong(PosixFiles.Status(H(t, a[0])).Size));
        Add(r, "lock0", $"({Fd}ZJJZ)I", static (t, a) =>
        {
            var size = a[4].J == long.MaxValue ? 0 : a[4].J; // to the end, however far the file grows
            return Slot.OfInt(FileIo.LockRange(H(t, a[0]), a[1].I != 0, a[2].J, size, shared: a[6].I != 0) ? Locked : NoLock);
        });
        Add(r, "release0", $"({Fd}JJ)V", static (t, a) =>
        {
            FileIo.UnlockRange(H(t, a[0]), a[1].J, a[3].J == long.MaxValue ? 0 : a[3].J);
            return default;
        });
        Add(r, "close0", $"({Fd})V", static (t, a) => { FileDescriptors.Close(FileDescriptors.Of(t.Vm, a[0].R!)); return default; });
        // Before a close that must wake threads blocked on the descriptor: it is pointed at a dead socket (so calls
        // after the wakeup signal end at once) while its number stays reserved until close0.
        Add(r, "preClose0", $"({Fd})V", static (t, a) =>
        {
            InetSockets.PreClose(H(t, a[0]));
            return default;
        });
        Add(r, "dup0", $"({Fd}{Fd})V", static (t, a) =>
        {
            FileIo.DuplicateTo(H(t, a[0]), FileDescriptors.Of(t.Vm, a[1].R!));
            return default;
        });
        Add(r, "closeIntFD", "(I)V", static (t, a) => { FileDescriptors.Close(a[0].I); return default; });
        r.Add(C, "canTransferToFromOverlappedMap0", "()Z", static (t, a) => Slot.OfBool(true));
        r.Add(C, "setDirect0", $"({Fd})I", static (t, a) =>
            throw t.Vm.Throw("java/io/IOException", "O_DIRECT is not supported by nido java"));
    }

    private static void Add(NativeRegistry r, string name, string descriptor, NativeMethod body) =>
        r.Add(C, name, descriptor, body, NativeRegistry.IOException);

    private static SafeFdHandle H(JThread t, Slot fileDescriptor) =>
        FileDescriptors.Get(FileDescriptors.Of(t.Vm, fileDescriptor.R ?? throw t.Vm.Throw("java/lang/NullPointerException", null)));

    private static Span<byte> Buffer(Slot address, int length) => new((void*)address.J, length);

    private static int ReadResult(int n) => n == 0 ? Eof : n;
}
