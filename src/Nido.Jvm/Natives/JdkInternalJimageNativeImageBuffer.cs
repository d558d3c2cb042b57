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
            return Slot.OfRef(vm.NewDirectByteBuffer(t, image.BaseAddress, (int)image.Length));
        });
}
