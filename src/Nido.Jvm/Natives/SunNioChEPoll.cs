using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>sun.nio.ch.EPoll: the Linux selector's epoll calls, on descriptors in the VM's table; events in Java-owned memory.</summary>
internal static class SunNioChEPoll
{
    private const string C = "sun/nio/ch/EPoll";

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "eventSize", "()I", static (t, a) => Slot.OfInt(12)); // packed on x86-64
        r.Add(C, "eventsOffset", "()I", static (t, a) => Slot.OfInt(0));
        r.Add(C, "dataOffset", "()I", static (t, a) => Slot.OfInt(4));
        r.Add(C, "create", "()I", static (t, a) => Slot.OfInt(FileDescriptors.Add(Epoll.CreateRaw())), NativeRegistry.IOException);
        // The data word is the descriptor itself, as libnio does: EPollSelectorImpl maps it back to its key.
        r.Add(C, "ctl", "(IIII)I", static (t, a) =>
            Slot.OfInt(FileDescriptors.TryGet(a[0].I, out var epfd) && FileDescriptors.TryGet(a[2].I, out var fd)
                ? Epoll.ControlRaw(epfd, a[1].I, fd, (uint)a[3].I, (uint)a[2].I)
                : (int)Errno.EBADF));
        r.Add(C, "wait", "(IJII)I", static (t, a) =>
        {
            var n = Epoll.WaitRaw(FileDescriptors.Get(a[0].I), (nint)a[1].J, a[3].I, a[4].I); // the long takes two slots
            if (n == -(int)Errno.EINTR) return Slot.OfInt(InetSupport.Interrupted);
            if (n < 0) throw t.Vm.Throw("java/io/IOException", InetSupport.Text(-n));
            return Slot.OfInt(n);
        }, NativeRegistry.IOException);
    }
}
