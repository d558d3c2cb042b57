using System.Runtime.InteropServices;
using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.io's file natives over the VM's descriptor table: a FileDescriptor's int fd names a SafeFdHandle the VM owns
/// (0, 1 and 2 are the VM's standard streams). Errors become IOException/FileNotFoundException with the C library's text.
/// </summary>
internal static class JavaIo
{
    public static void Register(NativeRegistry r)
    {
        r.Add("java/io/FileDescriptor", "initIDs", "()V", static (t, a) => default);
        r.Add("java/io/FileDescriptor", "getHandle", "(I)J", static (t, a) => Slot.OfLong(-1));
        // FileChannel.position of an append-mode stream is the file's size: the VM says whether the fd has O_APPEND.
        r.Add("java/io/FileDescriptor", "getAppend", "(I)Z", static (t, a) =>
        {
            try { return Slot.OfBool(FileDescriptors.TryGet(a[0].I, out var h) && FileIo.IsAppend(h)); }
            catch (ErrnoException) { return Slot.OfBool(false); }
        });
        r.Add("java/io/FileDescriptor", "sync", "()V", static (t, a) => default);
        r.Add("java/io/FileDescriptor", "close0", "()V", static (t, a) =>
        {
            var fd = t.Vm.GetField(a[0].R!, "fd").I;
            t.Vm.SetField(a[0].R!, a[0].R!.Class, "fd", Slot.OfInt(-1));
            FileDescriptors.Close(fd);
            return default;
        });
        r.Add("java/io/FileOutputStream", "initIDs", "()V", static (t, a) => default);
        r.Add("java/io/FileInputStream", "initIDs", "()V", static (t, a) => default);
        r.Add("java/io/FileOutputStream", "open0", "(Ljava/lang/String;Z)V", static (t, a) =>
        {
            var flags = FileIo.O_WRONLY | FileIo.O_CREAT | (a[2].I != 0 ? FileIo.O_APPEND : FileIo.O_TRUNC);
            OpenInto(t, a[0].R!, t.Vm.StringOf(a[1].R)!, flags);
            return default;
        });
        r.Add("java/io/FileInputStream", "open0", "(Ljava/lang/String;)V", static (t, a) =>
        {
            OpenInto(t, a[0].R!, t.Vm.StringOf(a[1].R)!, FileIo.O_RDONLY);
            return default;
        });
        r.Add("java/io/FileOutputStream", "writeBytes", "([BIIZ)V", static (t, a) =>
        {
            var data = Bytes(t, a[1].R, a[2].I, a[3].I);
            Write(t, Fd(t, a[0].R!), data);
            return default;
        });
        r.Add("java/io/FileOutputStream", "write", "(IZ)V", static (t, a) =>
        {
            Write(t, Fd(t, a[0].R!), [(byte)a[1].I]);
            return default;
        });
        r.Add("java/io/FileInputStream", "readBytes", "([BII)I", static (t, a) =>
        {
            if (a[3].I == 0) return Slot.OfInt(0);
            var n = Read(t, Fd(t, a[0].R!), Bytes(t, a[1].R, a[2].I, a[3].I));
            return Slot.OfInt(n == 0 ? -1 : n);
        });
        r.Add("java/io/FileInputStream", "read0", "()I", static (t, a) =>
        {
            Span<byte> one = stackalloc byte[1];
            return Slot.OfInt(Read(t, Fd(t, a[0].R!), one) == 0 ? -1 : one[0]);
        });
        r.Add("java/io/FileInputStream", "available0", "()I", static (t, a) =>
        {
            // As libjava's handleAvailable: what a pipe, terminal or socket holds (FIONREAD), or a file's size less the
            // position (never below 0: a skip may have gone past the end).
            var fd = Fd(t, a[0].R!);
            if (fd < 0) throw t.Vm.Throw("java/io/IOException", "Stream Closed");
            if (!FileDescriptors.TryGet(fd, out var h)) return Slot.OfInt(0);
            try
            {
                if (!PosixFiles.Status(h).IsRegularFile)
                    return Slot.OfInt(InetSockets.Available(h, out var ready) == 0 ? Math.Max(0, ready) : 0);
                var position = FileIo.Seek(h, 0, FileIo.SEEK_CUR);
                var end = FileIo.Seek(h, 0, FileIo.SEEK_END);
                FileIo.Seek(h, position, FileIo.SEEK_SET);
                return Slot.OfInt((int)Math.Clamp(end - position, 0, int.MaxValue));
            }
            catch (ErrnoException)
            {
                return Slot.OfInt(0);
            }
        });
        r.Add("java/io/FileInputStream", "skip0", "(J)J", static (t, a) =>
        {
            var h = Handle(t, Fd(t, a[0].R!));
            var position = FileIo.Seek(h, 0, FileIo.SEEK_CUR);
            return Slot.OfLong(FileIo.Seek(h, a[1].J, FileIo.SEEK_CUR) - position);
        });
        r.Add("java/io/FileInputStream", "position0", "()J", static (t, a) => Slot.OfLong(FileIo.Seek(Handle(t, Fd(t, a[0].R!)), 0, FileIo.SEEK_CUR)));
        r.Add("java/io/FileInputStream", "length0", "()J", static (t, a) =>
        {
            var h = Handle(t, Fd(t, a[0].R!));
            var position = FileIo.Seek(h, 0, FileIo.SEEK_CUR);
            var end = FileIo.Seek(h, 0, FileIo.SEEK_END);
            FileIo.Seek(h, position, FileIo.SEEK_SET);
            return Slot.OfLong(end);
        });
    }

    internal static int Fd(JThread t, JObject stream)
    {
        var fdObject = t.Vm.GetField(stream, "fd").R ?? throw t.Vm.Throw("java/io/IOException", "Stream Closed");
        return t.Vm.GetField(fdObject, "fd").I;
    }

    internal static SafeFdHandle Handle(JThread t, int fd) =>
        fd > 2 && FileDescriptors.TryGet(fd, out var h) ? h : throw t.Vm.Throw("java/io/IOException", fd < 0 ? "Stream Closed" : "Bad file descriptor");

    internal static Span<byte> Bytes(JThread t, JObject? array, int offset, int length)
    {
        var data = ((JArray<sbyte>?)array ?? throw t.Vm.Throw("java/lang/NullPointerException", null)).Data;
        if (offset < 0 || length < 0 || (long)offset + length > data.Length)
            throw t.Vm.Throw("java/lang/IndexOutOfBoundsException", $"Range [{offset}, {offset} + {length}) out of bounds for length {data.Length}");
        return MemoryMarshal.AsBytes(data.AsSpan(offset, length));
    }

    internal static void Write(JThread t, int fd, ReadOnlySpan<byte> data)
    {
        try
        {
            switch (fd)
            {
                case 1: t.Vm.StandardOutput.Write(data); t.Vm.StandardOutput.Flush(); break;
                case 2: t.Vm.StandardError.Write(data); t.Vm.StandardError.Flush(); break;
                default:
                    StartupGate.Current?.Need("writing a file");
                    FileIo.WriteAll(Handle(t, fd), data);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or ErrnoException)
        {
            throw t.Vm.Throw("java/io/IOException", e is ErrnoException x ? x.Description : e.Message);
        }
    }

    internal static int Read(JThread t, int fd, Span<byte> buffer)
    {
        try
        {
            if (StartupGate.Current is { IsLive: false } gate && (fd == 0 || !IsInert(t, fd))) gate.Need("reading stdin or a pipe");
            return fd == 0 ? t.Vm.StandardInput.Read(buffer) : FileIo.Read(Handle(t, fd), buffer);
        }
        catch (Exception e) when (e is IOException or ErrnoException)
        {
            throw t.Vm.Throw("java/io/IOException", e is ErrnoException x ? x.Description : e.Message);
        }
    }

    /// <summary>Reads of a pipe, terminal or socket take what nobody can read again: they wait for the startup gate.</summary>
    private static bool IsInert(JThread t, int fd)
    {
        try { return PosixFiles.Status(Handle(t, fd)) is var s && (s.IsRegularFile || s.IsMemoryDevice); }
        catch (ErrnoException) { return false; }
    }

    /// <summary>
    /// Opening for writing (or creating, truncating) acts outside the process, and so does opening a FIFO, socket or
    /// device even for reading (a FIFO's writer waiting in its open goes on): those wait for the startup gate.
    /// </summary>
    internal static void NeedUnlessPlainRead(string path, int flags)
    {
        if (StartupGate.Current is not { IsLive: false } gate) return;
        if ((flags & (3 | FileIo.O_CREAT | FileIo.O_TRUNC | FileIo.O_APPEND)) != FileIo.O_RDONLY)
        {
            gate.Need("opening a file for writing");
            return;
        }
        FileStatus s;
        try { s = PosixFiles.Status(path); }
        catch (ErrnoException) { return; } // missing or unreadable: the open fails the same way in either run
        if (!s.IsRegularFile && !s.IsDirectory && !s.IsMemoryDevice) gate.Need("opening a FIFO or device");
    }

    internal static void OpenInto(JThread t, JObject stream, string path, int flags)
    {
        NeedUnlessPlainRead(path, flags);
        SafeFdHandle h;
        try
        {
            h = FileIo.Open(path, flags, Convert.ToInt32("666", 8));
            if ((flags & 3) == FileIo.O_RDONLY && Directory.Exists(path))
            {
                h.Dispose();
                throw t.Vm.Throw("java/io/FileNotFoundException", $"{path} (Is a directory)");
            }
        }
        catch (ErrnoException e)
        {
            throw t.Vm.Throw("java/io/FileNotFoundException", $"{path} ({e.Description})");
        }
        var fd = FileDescriptors.Add(h);
        var fdObject = t.Vm.GetField(stream, "fd").R!;
        t.Vm.SetField(fdObject, fdObject.Class, "fd", Slot.OfInt(fd));
        // As libjava's fileOpen: FileChannel reads it to put an append-mode stream's position at the end.
        t.Vm.SetField(fdObject, fdObject.Class, "append", Slot.OfBool((flags & FileIo.O_APPEND) != 0));
    }
}
