using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// jdk.internal.jimage.NativeImageBuffer: as HotSpot, the VM lends Java its own mapping of lib/modules as a direct
/// ByteBuffer (the image stays mapped for the VM's life); any other image gets none, and BasicImageReader then maps
/// the file itself.
/// </summary>
internal static class JdkInternalJimageNativeImageBuffer
{
    public static void Register(NativeRegistry r) =>
        r.Add("jdk/internal/jimage/NativeImageBuffer", "getNativeMap", "(Ljava/lang/String;)Ljava/nio/ByteBuffer;", static (t, a) =>
        {
            var vm = t.Vm;
            var path = vm.StringOf(a[0].R);
            if (vm.BootImage is not { } image || path is null || Path.GetFullPath(path) != Path.GetFullPath(image.Path) || image.Length > int.MaxValue)
                return default;
            var c = vm.BootClass("java/nio/DirectByteBuffer");
            vm.EnsureInitialized(t, c);
            var buffer = vm.NewObject(c);
            t.Invoke(c.DeclaredMethod("<init>", "(JI)V")!, Slot.OfRef(buffer), Slot.OfLong(image.BaseAddress), default, Slot.OfInt((int)image.Length));
            return Slot.OfRef(buffer);
        });
}
