import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

// Checksums, digests and encodings with known answers: CRC32/CRC32C/Adler32 (HotSpot has intrinsics for
// these), MessageDigest MD5/SHA-1/SHA-256/SHA-512 through the security provider machinery, HMAC-free Base64
// variants, HexFormat, name-based UUIDs, and a Deflater/Inflater round trip (zlib natives).
public class Main {
    static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    public static void main(String[] args) throws Exception {
        byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(fox);
        CRC32C crcc = new CRC32C();
        crcc.update(fox);
        Adler32 adler = new Adler32();
        adler.update(fox);
        System.out.println("CRC32 " + Long.toHexString(crc.getValue()) + " CRC32C " + Long.toHexString(crcc.getValue()) + " Adler32 " + Long.toHexString(adler.getValue()));
        CRC32 incremental = new CRC32();
        for (byte b : fox) incremental.update(b);
        System.out.println("byte-at-a-time CRC32 equal: " + (incremental.getValue() == crc.getValue()));
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31 + (i >> 8));
        crc.reset();
        crc.update(big);
        System.out.println("CRC32 of 1 MiB pattern " + Long.toHexString(crc.getValue()));
        for (String alg : new String[] {"MD5", "SHA-1", "SHA-256", "SHA-512"}) {
            MessageDigest md = MessageDigest.getInstance(alg);
            System.out.println(alg + "(\"\") = " + hex(md.digest(new byte[0])));
            System.out.println(alg + "(fox) = " + hex(md.digest(fox)));
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(big);
        System.out.println("SHA-256 of 1 MiB pattern " + hex(sha.digest()));
        System.out.println("Base64: " + Base64.getEncoder().encodeToString(fox) + " | url " + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff, 1})
            + " | mime lines " + Base64.getMimeEncoder().encodeToString(big).lines().count());
        System.out.println("Base64 decode: " + new String(Base64.getDecoder().decode("aGVsbG8gd29ybGQ="), StandardCharsets.US_ASCII));
        try {
            Base64.getDecoder().decode("not*base64");
        } catch (IllegalArgumentException e) {
            System.out.println("bad Base64: " + e.getMessage());
        }
        System.out.println("HexFormat: " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(new byte[] {1, (byte) 0xab, 127}) + " parse " + Arrays(HexFormat.of().parseHex("cafe")));
        System.out.println("UUID.nameUUIDFromBytes: " + UUID.nameUUIDFromBytes("nido".getBytes(StandardCharsets.UTF_8)) + " parsed " + UUID.fromString("123e4567-e89b-12d3-a456-426614174000").version());
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(big);
        deflater.finish();
        byte[] buf = new byte[big.length];
        int compressed = deflater.deflate(buf);
        deflater.end();
        Inflater inflater = new Inflater();
        inflater.setInput(buf, 0, compressed);
        byte[] back = new byte[big.length];
        int n = inflater.inflate(back);
        inflater.end();
        System.out.println("deflate/inflate round trip: " + (n == big.length && java.util.Arrays.equals(back, big)) + " compressed smaller: " + (compressed < big.length / 10));
        Deflater small = new Deflater();
        small.setInput(fox);
        small.finish();
        byte[] out = new byte[100];
        int len = small.deflate(out);
        small.end();
        System.out.println("deflate(fox) = " + hex(java.util.Arrays.copyOf(out, len)));
    }

    static String Arrays(byte[] b) { return java.util.Arrays.toString(b); }
}
