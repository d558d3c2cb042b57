import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

// Narrowing that javac never needs but bytecode from other compilers may (JVMS 17 ireturn, putfield, putstatic): an
// int returned from a boolean/byte/char/short method, or stored to a field of such a type, keeps only the bits of
// that type (boolean: the lowest). The class is assembled here byte by byte; each method is called many times so the
// JIT tiers compile it too.
public class Main {
    static final List<byte[]> pool = new ArrayList<>();
    static final ByteArrayOutputStream fields = new ByteArrayOutputStream(), methods = new ByteArrayOutputStream();
    static int fieldCount, methodCount;

    static int add(byte[] entry) { pool.add(entry); return pool.size(); }

    static int utf8(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(b)) { d.writeByte(1); d.writeUTF(s); } catch (IOException e) { throw new RuntimeException(e); }
        return add(b.toByteArray());
    }

    static byte[] ref(int tag, int a, int b) { return new byte[] {(byte) tag, (byte) (a >> 8), (byte) a, (byte) (b >> 8), (byte) b}; }

    static int cls(String name) { int u = utf8(name); return add(new byte[] {7, (byte) (u >> 8), (byte) u}); }

    static int member(int tag, int owner, String name, String type) { return add(ref(tag, owner, add(ref(12, utf8(name), utf8(type))))); }

    static void write(ByteArrayOutputStream to, int flags, String name, String type, int[] code) {
        try {
            DataOutputStream d = new DataOutputStream(to);
            d.writeShort(flags); d.writeShort(utf8(name)); d.writeShort(utf8(type));
            if (code == null) { d.writeShort(0); return; }
            d.writeShort(1); d.writeShort(utf8("Code")); d.writeInt(12 + code.length);
            d.writeShort(4); d.writeShort(2); d.writeInt(code.length);
            for (int b : code) d.writeByte(b);
            d.writeShort(0); d.writeShort(0);
        } catch (IOException e) { throw new RuntimeException(e); }
    }

    static void method(String name, String type, int... code) { write(methods, 0x9, name, type, code); methodCount++; }

    static int[] u2(int op, int index) { return new int[] {op, index >> 8, index & 0xff}; }

    static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] all = new int[n];
        n = 0;
        for (int[] p : parts) { System.arraycopy(p, 0, all, n, p.length); n += p.length; }
        return all;
    }

    static byte[] assemble() throws IOException {
        final int SIPUSH = 0x11, ILOAD_0 = 0x1a, ALOAD_0 = 0x2a, DUP = 0x59, IRETURN = 0xac, RETURN = 0xb1, GETSTATIC = 0xb2,
            PUTSTATIC = 0xb3, GETFIELD = 0xb4, PUTFIELD = 0xb5, INVOKESPECIAL = 0xb7, INVOKESTATIC = 0xb8, NEW = 0xbb;
        int self = cls("Narrow"), object = cls("java/lang/Object");
        int init = member(10, object, "<init>", "()V"), selfInit = member(10, self, "<init>", "()V");
        write(methods, 0x1, "<init>", "()V", concat(new int[] {ALOAD_0}, u2(INVOKESPECIAL, init), new int[] {RETURN}));
        methodCount++;
        for (String t : new String[] {"Z", "B", "C", "S", "I"}) {
            // t(int) returns its argument unnarrowed; call_t(int) returns what t(int) returned, as an int.
            method(t, "(I)" + t, ILOAD_0, IRETURN);
            method("call_" + t, "(I)I", concat(new int[] {ILOAD_0}, u2(INVOKESTATIC, member(10, self, t, "(I)" + t)), new int[] {IRETURN}));
            // static_t(int) stores to a static field and reads it back; field_t(int) the same with an instance field.
            write(fields, 0x9, "s" + t, t, null);
            write(fields, 0x1, "f" + t, t, null);
            fieldCount += 2;
            int s = member(9, self, "s" + t, t), f = member(9, self, "f" + t, t);
            method("static_" + t, "(I)I", concat(new int[] {ILOAD_0}, u2(PUTSTATIC, s), u2(GETSTATIC, s), new int[] {IRETURN}));
            method("field_" + t, "(I)I", concat(u2(NEW, self), new int[] {DUP}, u2(INVOKESPECIAL, selfInit), new int[] {DUP, ILOAD_0},
                u2(PUTFIELD, f), u2(GETFIELD, f), new int[] {IRETURN}));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(0xCAFEBABE); d.writeShort(0); d.writeShort(61);
        d.writeShort(pool.size() + 1);
        for (byte[] e : pool) d.write(e);
        d.writeShort(0x21); d.writeShort(self); d.writeShort(object); d.writeShort(0);
        d.writeShort(fieldCount); d.write(fields.toByteArray());
        d.writeShort(methodCount); d.write(methods.toByteArray());
        d.writeShort(0);
        return out.toByteArray();
    }

    static final class Loader extends ClassLoader {
        Class<?> define(byte[] b) { return defineClass("Narrow", b, 0, b.length); }
    }

    public static void main(String[] args) throws Exception {
        Class<?> c = new Loader().define(assemble());
        int[] values = {0, 1, 2, 3, -1, 127, 128, 255, 256, 1000, 32767, 32768, 65535, 65536, 100000, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (String kind : new String[] {"call", "static", "field"}) {
            for (String t : new String[] {"Z", "B", "C", "S", "I"}) {
                java.lang.reflect.Method m = c.getMethod(kind + "_" + t, int.class);
                StringBuilder line = new StringBuilder(kind + " " + t + ":");
                long sum = 0;
                for (int round = 0; round < 3000; round++) {
                    for (int v : values) {
                        int r = (Integer) m.invoke(null, v);
                        if (round == 0) line.append(' ').append(r);
                        sum += r;
                    }
                }
                System.out.println(line + " (sum " + sum + ")");
            }
        }
        // Reflection's view of the unnarrowed methods: the boxed result is the narrowed value.
        for (String t : new String[] {"Z", "B", "C", "S"}) System.out.println(t + " via reflection: " + c.getMethod(t, int.class).invoke(null, 1000));
    }
}
