using System.Runtime.InteropServices;

namespace Nido.Linux;

/// <summary>
/// A read-only stream that decompresses zstd (one or more concatenated frames) from an inner stream with the system's
/// libzstd. Corrupt or truncated input is an <see cref="InvalidDataException"/>.
/// </summary>
public sealed class ZstdDecompressStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly byte[] _input;
    private int _inputLength, _inputPos;
    private nint _stream;
    private bool _innerEnded, _frameOpen;

    public ZstdDecompressStream(Stream inner, bool leaveOpen = false)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        try { _stream = Interop.ZSTD_createDStream(); }
        catch (DllNotFoundException) { throw new InvalidDataException("zstd layers need libzstd.so.1 (Debian package libzstd1)"); }
        if (_stream == 0) throw new OutOfMemoryException("ZSTD_createDStream");
        Check(Interop.ZSTD_initDStream(_stream));
        _input = new byte[(int)Interop.ZSTD_DStreamInSize()];
    }



    public override unsafe int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_stream == 0, this);
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            if (_inputPos == _inputLength && !_innerEnded)
            {
                _inputLength = _inner.Read(_input, 0, _input.Length);
                _inputPos = 0;
                if (_inputLength == 0) _innerEnded = true;
            }
            if (_inputPos == _inputLength && _innerEnded)
            {
                if (_frameOpen) throw new InvalidDataException("zstd: the compressed data ends inside a frame");
                return 0;
            }
            fixed (byte* inp = _input)
            fixed (byte* outp = buffer)
            {
                var input = new Interop.ZstdBuffer { ptr = inp, size = (nuint)_inputLength, pos = (nuint)_inputPos };
                var output = new Interop.ZstdBuffer { ptr = outp, size = (nuint)buffer.Length, pos = 0 };
                var hint = Check(Interop.ZSTD_decompressStream(_stream, &output, &input));
                _inputPos = (int)input.pos;
                _frameOpen = hint != 0; // 0: a frame was completely decoded and flushed
                if (output.pos > 0) return (int)output.pos;
            }
        }
    }


    protected override void Dispose(bool disposing)
    {
        if (_stream != 0)
        {
            Interop.ZSTD_freeDStream(_stream);
            _stream = 0;
        }
        if (disposing && !_leaveOpen) _inner.Dispose();
        base.Dispose(disposing);
    }

    private static nuint Check(nuint code)
    {
        if (Interop.ZSTD_isError(code) != 0)
            throw new InvalidDataException($"zstd: {Marshal.PtrToStringUTF8(Interop.ZSTD_getErrorName(code))}");
        return code;
    }
}
