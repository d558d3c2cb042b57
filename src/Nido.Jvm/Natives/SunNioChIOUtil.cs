using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>sun.nio.ch.IOUtil: descriptor values inside FileDescriptor objects, blocking mode, pipes and limits.</summary>
internal static class SunNioChIOUtil
{
    private const string C = "sun/nio/ch/IOUtil";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initIDs", "()V", static (t, a) => default);
        r.Add(C, "iovMax", "()I", static (t, a) => Slot.OfInt(1024)); // IOV_MAX
        r.Add(C, "fdLimit", "()I", static (t, a) => Slot.OfInt((int)Math.Min(int.MaxValue, ResourceLimits.Get("RLIMIT_NOFILE").Soft)));
        r.Add(C, "fdVal", "(Ljava/io/FileDescriptor;)I", static (t, a) => Slot.OfInt(FileDescriptors.Of(t.Vm, a[0].R!)));
        r.Add(C, "setfdVal", "(Ljava/io/FileDescriptor;I)V", static (t, a) =>
        {
            t.Vm.SetField(a[0].R!, a[0].R!.Class, "fd", a[1]);
            return default;
        });
        r.Add(C, "randomBytes", "([B)Z", static (t, a) => Slot.OfBool(false));
        r.Add(C, "configureBlocking", "(Ljava/io/FileDescriptor;Z)V", static (t, a) =>
        {
            FileIo.SetNonBlocking(FileDescriptors.Get(FileDescriptors.Of(t.Vm, a[0].R!)), a[1].I == 0);
            return default;
        }, NativeRegistry.IOException);
        r.Add(C, "makePipe", "(Z)J", static (t, a) =>
        {
            var (read, write) = FileIo.Pipe(nonBlocking: a[0].I == 0);
            return Slot.OfLong((long)FileDescriptors.Add(read) << 32 | (uint)FileDescriptors.Add(write));
        }, NativeRegistry.IOException);
        r.Add(C, "write1", "(IB)I", static (t, a) =>
            Slot.OfInt(FileIo.Write(FileDescriptors.Get(a[0].I), [(byte)a[1].I])), NativeRegistry.IOException);
        r.Add(C, "drain", "(I)Z", static (t, a) => Slot.OfBool(Drain(a[0].I) > 0), NativeRegistry.IOException);
        r.Add(C, "drain1", "(I)I", static (t, a) => Slot.OfInt(Drain(a[0].I, 1)), NativeRegistry.IOException);
    }

    /// <summary>Reads a non-blocking descriptor until it has nothing more (at most <paramref name="limit"/> bytes).</summary>
    private static int Drain(int fd, int limit = int.MaxValue)
    {
        Span<byte> buffer = stackalloc byte[128];
        var total = 0;
        try
        {
            while (total < limit)
            {
                var n = FileIo.Read(FileDescriptors.Get(fd), buffer[..Math.Min(buffer.Length, limit - total)]);
                if (n <= 0) break;
                total += n;
            }
        }
        catch (ErrnoException e) when (e.Errno == Errno.EAGAIN) { }
        return total;
    }
}
