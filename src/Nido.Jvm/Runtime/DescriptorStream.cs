using Nido.Linux;

namespace Nido.Jvm.Runtime;

/// <summary>
/// Standard input, output or error read and written as java's FileInputStream and FileOutputStream do, with read(2)
/// and write(2) on the descriptor: a write to a closed pipe fails (EPIPE, "Broken pipe", so PrintStream.checkError
/// turns true), where .NET's console stream drops the error, and a terminal is read as the terminal gives it (.NET's
/// console stream edits lines itself). A descriptor a parent made non-blocking is waited on when full, as the console
/// stream does. The host's own messages (the launcher's) pass <paramref name="ignoreBrokenPipe"/>, as a C program's
/// fprintf and .NET's console do. Opening one costs nothing: the console stream's first use loads ~1 ms of runtime.
/// </summary>
public sealed class DescriptorStream(int fd, FileAccess access = FileAccess.Write, bool ignoreBrokenPipe = false) : Stream
{
    private readonly SafeFdHandle _handle = new(fd, ownsHandle: false);

    public override bool CanRead => access.HasFlag(FileAccess.Read);
    public override bool CanSeek => false;
    public override bool CanWrite => access.HasFlag(FileAccess.Write);
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!CanWrite) throw new NotSupportedException($"descriptor {fd} is not open here for writing");
        const short POLLOUT = 4;
        while (!buffer.IsEmpty)
        {
            try { buffer = buffer[FileIo.Write(_handle, buffer)..]; }
            catch (ErrnoException e) when (e.Errno == Errno.EAGAIN) { InetSockets.Poll(_handle, POLLOUT, -1); }
            catch (ErrnoException e) when (e.Errno == Errno.EPIPE && ignoreBrokenPipe) { return; }
        }
    }

    public override int Read(Span<byte> buffer) =>
        CanRead ? FileIo.Read(_handle, buffer) : throw new NotSupportedException($"descriptor {fd} is not open here for reading");

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
