using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>sun.nio.fs.UnixCopyFile.transfer: Files.copy's byte copy between two open descriptors, cancellable.</summary>
internal static unsafe class SunNioFsUnixCopyFile
{
    public static void Register(NativeRegistry r)
    {
        r.Add("sun/nio/fs/UnixCopyFile", "transfer", "(IIJ)V", static (t, a) =>
        {
            var cancel = (int*)a[2].J;
            var buffer = new byte[64 * 1024];
            try
            {
                var source = FileDescriptors.Get(a[1].I);
                var target = FileDescriptors.Get(a[0].I);
                int n;
                while ((n = FileIo.Read(source, buffer)) > 0)
                {
                    FileIo.WriteAll(target, buffer.AsSpan(0, n));
                    if (cancel is not null && *cancel != 0) throw new ErrnoException("transfer", (int)Errno.ECANCELED);
                }
            }
            catch (ErrnoException e)
            {
                throw SunNioFsUnixNativeDispatcher.UnixException(t, e.ErrnoValue);
            }
            return default;
        });
    }
}
