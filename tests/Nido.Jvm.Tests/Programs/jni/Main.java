import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

// JNI both ways: Java calls C (every argument and return type, arrays, strings, exceptions, many arguments that
// spill to the stack) and C calls Java (fields, virtual/nonvirtual/static calls in the "...", V and A forms, object
// creation, global references, RegisterNatives, monitors, direct buffers, a native thread that attaches itself).
public class Main {
    static { System.loadLibrary("native"); }

    // Java -> C
    static native int add(int a, int b);
    static native double mix(boolean z, byte b, char c, short s, int i, long j, float f, double d);
    static native float half(float f);
    static native boolean not(boolean b);
    static native char upper(char c);
    static native byte neg(byte b);
    static native short twice(short s);
    static native long many(int a1, long a2, int a3, long a4, int a5, long a6, int a7, long a8, int a9, long a10);
    static native double manyDoubles(double d1, float f2, double d3, float f4, double d5, float f6, double d7, float f8,
                                     double d9, float f10, double d11, int i12, double d13, long l14);
    static native String greet(String name);
    static native String roundTrip(String s);
    static native String utfBytes(String s);
    static native int sum(int[] values);
    static native double[] scale(double[] values, double k);
    static native void fill(byte[] bytes, byte value, int from, int count);
    static native String[] words(String a, String b, String c);
    static native long sumLongsCritical(long[] values);
    static native void fail(String message);
    static native int registered(int x); // bound by RegisterNatives in JNI_OnLoad
    static native int version();
    static native int missing(int x);   // no such function anywhere

    // C -> Java
    native String describe();
    static native int callBack(Main m, int x);
    static native String callAll(Main m);
    static native Object make(String text, int number);
    static native List<String> buildList(int n);
    static native String catchInC();
    static native void rethrowFromC();
    static native void keep(Object o);
    static native Object kept();
    static native void forget();
    static native int lockAndCount(Object lock, int n);
    static native ByteBuffer wrapNative(int capacity);
    static native long capacityOf(ByteBuffer b);
    static native String fromNativeThread();
    static native String classes();
    static native String edgeCases(Main m, int[] values);

    int count = 41;
    String label = "main-object";
    double ratio = 0.25;
    static int statik = 7;
    static String statikName = "statik";

    int twiceCount(int x) { return 2 * x + count; }
    static String format(int i, long j, double d, float f, String s, boolean z, char c, byte b, short sh) {
        return "format(" + i + ", " + j + ", " + d + ", " + f + ", " + s + ", " + z + ", " + c + ", " + b + ", " + sh + ")";
    }
    static double sumTen(double a, double b, double c, double d, double e, double f, double g, double h, double i, double j) {
        return a + b + c + d + e + f + g + h + i + j;
    }
    static long sumInts(int a, int b, int c, int d, int e, int f, int g, int h) { return (long) a * b + c + d + e + f + g + h; }
    static long sum18(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12,
                      int a13, int a14, int a15, int a16, int a17, int a18) {
        return a1 + 2L * a2 + 3L * a3 + 4L * a4 + 5L * a5 + 6L * a6 + 7L * a7 + 8L * a8 + 9L * a9 + 10L * a10 + 11L * a11
            + 12L * a12 + 13L * a13 + 14L * a14 + 15L * a15 + 16L * a16 + 17L * a17 + 18L * a18;
    }
    boolean flag;
    static class Base { int x = 7; }
    static class Derived extends Base { static int x = 9; }
    String who() { return "Main"; }
    float third(float f) { return f / 3; }
    static void boom(String why) { throw new IllegalStateException("boom: " + why); }
    static String onNativeThread() { return "Java ran on " + Thread.currentThread().getName() + " (daemon " + Thread.currentThread().isDaemon() + ")"; }

    static class Sub extends Main {
        @Override String who() { return "Sub"; }
        @Override int twiceCount(int x) { return -1; }
    }

    record Pair(String text, int number) {}

    public static void main(String[] args) throws Exception {
        System.out.println("add " + add(40, 2) + " " + add(Integer.MAX_VALUE, 1));
        System.out.println("mix " + mix(true, (byte) -3, 'x', (short) -300, 100000, 1L << 40, 1.5f, -0.125));
        System.out.println("half " + half(5f) + " " + half(Float.NaN) + " " + half(-0f));
        System.out.println("not " + not(true) + " " + not(false));
        System.out.println("upper " + upper('q') + " " + upper('\u00e9'));
        System.out.println("neg " + neg((byte) 5) + " " + neg(Byte.MIN_VALUE));
        System.out.println("twice " + twice((short) 300) + " " + twice((short) 20000));
        System.out.println("many " + many(1, 2L, 3, 4L, 5, 6L, 7, 8L, 9, 10000000000L));
        System.out.println("manyDoubles " + manyDoubles(1.5, 2.5f, 3.5, 4.5f, 5.5, 6.5f, 7.5, 8.5f, 9.5, 10.5f, 11.5, 12, 13.5, 14L));
        System.out.println(greet("JNI"));
        System.out.println(roundTrip("h\u00e9llo \u4e16\u754c \ud83d\ude00 nul\u0000end"));
        System.out.println(utfBytes("a\u0000\u00e9\u4e16\ud83d\ude00"));
        System.out.println("sum " + sum(new int[] {1, 2, 3, 4, 5, -6}) + " " + sum(new int[0]));
        System.out.println("scale " + java.util.Arrays.toString(scale(new double[] {1, 2.5, -4}, 2)));
        byte[] bytes = new byte[8];
        fill(bytes, (byte) 7, 2, 4);
        System.out.println("fill " + java.util.Arrays.toString(bytes));
        try { fill(bytes, (byte) 1, 6, 4); } catch (ArrayIndexOutOfBoundsException e) { System.out.println("fill threw " + e.getClass().getName()); }
        System.out.println("words " + java.util.Arrays.toString(words("alpha", null, "gamma")));
        System.out.println("critical " + sumLongsCritical(new long[] {1L << 33, 5, -2}));
        try { fail("bad input"); } catch (IllegalArgumentException e) { System.out.println("fail threw " + e); }
        System.out.println("registered " + registered(20));
        System.out.println("version ok " + (version() >= 0x00010008));
        try { missing(1); } catch (UnsatisfiedLinkError e) { System.out.println("missing threw " + e.getMessage()); }
        try { System.loadLibrary("no-such-library"); } catch (UnsatisfiedLinkError e) { System.out.println("loadLibrary threw " + e.getMessage().startsWith("no no-such-library in java.library.path")); }
        try { System.load("/nonexistent/libx.so"); } catch (UnsatisfiedLinkError e) { System.out.println("load threw " + e.getMessage()); }

        Main m = new Main();
        System.out.println(m.describe());
        System.out.println("callBack " + callBack(m, 5) + " " + callBack(new Sub(), 5));
        System.out.println(callAll(new Sub()));
        System.out.println("make " + make("text", 3));
        System.out.println("buildList " + buildList(4));
        System.out.println("statics after callAll " + statik + " " + statikName);
        System.out.println(catchInC());
        try { rethrowFromC(); } catch (IllegalStateException e) { System.out.println("rethrown " + e.getMessage()); }
        keep(new StringBuilder("kept across calls"));
        System.gc();
        System.out.println("kept " + kept());
        forget();
        System.out.println("after forget " + kept());
        Object lock = new Object();
        Thread[] threads = new Thread[3];
        int[] totals = new int[3];
        for (int i = 0; i < threads.length; i++) {
            int k = i;
            threads[i] = new Thread(() -> totals[k] = lockAndCount(lock, 1000));
            threads[i].start();
        }
        for (Thread t : threads) t.join();
        System.out.println("locked counts " + (totals[0] + totals[1] + totals[2] > 0) + " final " + lockAndCount(lock, 0));
        ByteBuffer direct = wrapNative(16);
        direct.put(0, (byte) 42).put(15, (byte) -1);
        System.out.println("direct " + direct.isDirect() + " " + direct.capacity() + " " + direct.get(0) + " " + direct.get(15) + " " + capacityOf(direct)
            + " " + capacityOf(ByteBuffer.allocate(3)) + " " + capacityOf(ByteBuffer.allocateDirect(5)));
        System.out.println(fromNativeThread());
        System.out.println(classes());
        int[] untouched = {5, 6};
        System.out.println(edgeCases(m, untouched) + " array after JNI_ABORT " + untouched[0] + " flag " + m.flag);

        System.loadLibrary("names");
        System.out.println(pkg.under_score.Natives.over(7));
        System.out.println(pkg.under_score.Natives.over("s", new int[][] {{1}, {2, 3}, {}}));
        System.out.println(pkg.under_score.Natives.over(1L << 40, 0.5));
        System.out.println(pkg.under_score.Natives.caf\u00e9());
        System.out.println("synchronized native holds its lock: " + new pkg.under_score.Natives().holds());
        System.out.println(pkg.under_score.Natives.Inner.inner_name());
        try {
            System.loadLibrary("badversion");
        } catch (UnsatisfiedLinkError e) {
            System.out.println("badversion threw " + e.getMessage().replace(System.getProperty("java.library.path"), "<dir>"));
        }
        fail("uncaught from C");
    }
}
