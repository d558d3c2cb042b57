using Microsoft.Win32.SafeHandles;
using Nido.Linux;

namespace Nido.Vmm.Api;

/// <summary>
/// Opens a log or metrics destination as Firecracker does: a regular file (created, appended) or a FIFO,
/// read-write and non-blocking so neither the open nor a write waits for a reader; a full pipe drops lines.
/// </summary>
internal static class LogFiles
{
    public static FileStream Open(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0')) throw new ArgumentException($"\"{path}\" is not a path");
        var fd = FileIo.Open(path, FileIo.O_RDWR | FileIo.O_CREAT | FileIo.O_APPEND | FileIo.O_NONBLOCK, 0x1a4); // 0644
        var handle = new SafeFileHandle(fd.DangerousGetHandle(), ownsHandle: true);
        fd.SetHandleAsInvalid(); // Ownership moved to the SafeFileHandle.
        try { return new FileStream(handle, FileAccess.Write, bufferSize: 0); }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
