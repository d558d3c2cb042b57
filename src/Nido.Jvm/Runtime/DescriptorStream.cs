using Nido.Linux;

namespace Nido.Jvm.Runtime;

/// <summary>
/// Writes to standard output or error as java's FileOutputStream does: a write to a closed pipe fails (EPIPE, "Broken
/// pipe", so PrintStream.checkError turns true), where .NET's console stream drops the error. A descriptor a parent
/// made non-blocking is waited on when full, as the console stream does.
/// </summary>
internal sealed class DescriptorStream(int fd) : Stream
{
    private readonly SafeFdHandle _handle = new(fd, ownsHandle: false);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        const short POLLOUT = 4;
        while (!buffer.IsEmpty)
        {
            try { buffer = buffer[FileIo.Write(_handle, buffer)..]; }
            catch (ErrnoException e) when (e.Errno == Errno.EAGAIN) { InetSockets.Poll(_handle, POLLOUT, -1); }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
