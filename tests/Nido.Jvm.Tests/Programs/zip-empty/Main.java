import java.io.*;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.zip.*;

// Empty buffers reach zlib as empty, not absent: a zero-length checksum update leaves the value alone (GZIPInputStream
// and readAllBytes rely on it past 8 KiB), deflate/inflate into no room return 0, an empty dictionary is accepted.
public class Main {
    static void t(String label, Callable<Object> c) {
        try { System.out.println(label + " = " + c.call()); } catch (Throwable e) { System.out.println(label + " ! " + e); }
    }

    public static void main(String[] args) throws Exception {
        byte[] buf = new byte[16];
        CRC32 a = new CRC32(); a.update(buf, 0, 10); a.update(buf, 10, 0); System.out.println(a.getValue());
        Adler32 b = new Adler32(); b.update(buf, 0, 10); b.update(buf, 10, 0); System.out.println(b.getValue());
        CRC32 d = new CRC32(); d.update(buf, 0, 10); d.update(ByteBuffer.allocateDirect(4).position(4)); d.update(ByteBuffer.allocate(0)); System.out.println(d.getValue());
        byte[] data = "x".repeat(10000).getBytes();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) { gz.write(data); }
        try (GZIPInputStream gi = new GZIPInputStream(new ByteArrayInputStream(bos.toByteArray()))) {
            System.out.println(gi.readAllBytes().length);
        }
        CheckedInputStream ci = new CheckedInputStream(new ByteArrayInputStream(data), new CRC32());
        ci.readAllBytes();
        System.out.println(ci.getChecksum().getValue());
        t("deflate into 0-length", () -> { Deflater z = new Deflater(); z.setInput("hello".getBytes()); return z.deflate(new byte[0]); });
        t("inflate into 0-length", () -> { Inflater i = new Inflater(); i.setInput(new byte[]{0x78, (byte) 0x9c}); return i.inflate(new byte[0]); });
        t("setDictionary(empty)", () -> { Deflater z = new Deflater(); z.setDictionary(new byte[0]); return "ok"; });
    }
}
