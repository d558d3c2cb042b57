using System.Collections.Concurrent;
using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// sun.nio.ch.FileChannelImpl: memory-mapped regions (map0/unmap0, kept here by address until Java unmaps them) and
/// the kernel-side transfer, which this VM leaves to Java's own copy loop.
/// </summary>
internal static class SunNioChFileChannelImpl
{
    private const string C = "sun/nio/ch/FileChannelImpl";
    private const int MapReadOnly = 0, MapReadWrite = 1, UnsupportedCase = -6;
    private static readonly ConcurrentDictionary<long, MappedMemory> Mappings = new();

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "initIDs", "()J", static (t, a) => Slot.OfLong(Environment.SystemPageSize));
        r.Add(C, "maxDirectTransferSize0", "()I", static (t, a) => Slot.OfInt(0x7ffff000));
        r.Add(C, "transferTo0", "(Ljava/io/FileDescriptor;JJLjava/io/FileDescriptor;)J", static (t, a) => Slot.OfLong(UnsupportedCase));
        r.Add(C, "map0", "(IJJZ)J", static (t, a) =>
        {
            var fdObject = t.Vm.GetField(a[0].R!, "fd").R!;
            var prot = a[1].I;
            try
            {
                var mapping = MappedMemory.File(FileDescriptors.Get(FileDescriptors.Of(t.Vm, fdObject)), a[4].J, a[2].J,
                    prot == MapReadOnly ? Protection.Read : Protection.ReadWrite, shared: prot <= MapReadWrite);
                Mappings[mapping.Address] = mapping;
                return Slot.OfLong(mapping.Address);
            }
            catch (ErrnoException e) when (e.Errno == Errno.ENOMEM)
            {
                throw t.Vm.Throw("java/lang/OutOfMemoryError", "Map failed");
            }
            catch (ErrnoException e)
            {
                throw t.Vm.Throw("java/io/IOException", e.Description);
            }
        });
        r.Add(C, "unmap0", "(JJ)I", static (t, a) =>
        {
            if (Mappings.TryRemove(a[0].J, out var mapping)) mapping.Dispose();
            return Slot.OfInt(0);
        });
        // java.nio.MappedMemoryUtils: the page-aligned ranges of a mapped buffer.
        const string U = "java/nio/MappedMemoryUtils";
        r.Add(U, "force0", "(Ljava/io/FileDescriptor;JJ)V", static (t, a) =>
        {
            MappedMemory.Sync((nint)a[1].J, a[3].J);
            return default;
        }, NativeRegistry.IOException);
        r.Add(U, "load0", "(JJ)V", static (t, a) =>
        {
            MappedMemory.Advise((nint)a[0].J, a[2].J, Advice.WillNeed);
            return default;
        }, NativeRegistry.IOException);
        r.Add(U, "unload0", "(JJ)V", static (t, a) =>
        {
            MappedMemory.Advise((nint)a[0].J, a[2].J, Advice.DontNeed);
            return default;
        }, NativeRegistry.IOException);
        r.Add(U, "isLoaded0", "(JJJ)Z", static (t, a) => Slot.OfBool(MappedMemory.IsResident((nint)a[0].J, a[2].J)), NativeRegistry.IOException);
    }
}
