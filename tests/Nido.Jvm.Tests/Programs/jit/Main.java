// The JIT's corner cases: every method here runs hot enough (loops over 20,000 turns, calls over 2,000) to be
// compiled by nido's JIT at its default thresholds, and the results, exceptions, messages and line numbers must
// still be java's. Loops that throw and catch inside compiled code, calls that miss the monomorphic guess,
// class initialisation reached from compiled code, and the arithmetic corner cases.
import java.util.*;

public class Main {
    interface Shape { double area(); }
    static class Square implements Shape { final double s; Square(double s) { this.s = s; } public double area() { return s * s; } }
    static class Circle implements Shape { final double r; Circle(double r) { this.r = r; } public double area() { return 3 * r * r; } }
    static class Base { int f(int x) { return x + 1; } }
    static class Derived extends Base { @Override int f(int x) { return x * 2; } }
    static class Late { static int value; static { value = 42; System.out.println("Late initialised"); } }

    static int intCorners(int i) {
        int a = Integer.MIN_VALUE + (i & 1);
        int r = a / -1 + a % -1 + (i << 33) + (i >> 35) + (i >>> 34) + (-i >>> 1);
        r += (byte) (i * 37) + (char) (i * 1001) + (short) (i * 70001);
        return r;
    }

    static long longCorners(long i) {
        long a = Long.MIN_VALUE + (i & 1);
        long r = a / -1 + a % -1 + (i << 65) + (i >> 67) + (-i >>> 3);
        return r + Long.compare(i, 500) + (i > 7 ? 1 : 0);
    }

    static int floatCorners(int i) {
        float f = i * 1e30f;
        double d = i * 1e300 * 10;
        double nan = 0.0 / 0.0;
        int r = (int) f + (int) (long) d + (int) nan + (int) -d;
        r += (nan < 1 ? 1 : 0) + (nan > 1 ? 2 : 0) + (nan == nan ? 4 : 0) + (f != f ? 8 : 0);
        r += (int) (5.5 % 2.0 * 10) + (int) (-7.5f % 2f * 10) + Float.compare(-0.0f, 0.0f) + (int) Math.signum(-d);
        return r;
    }

    static int switches(int i) {
        int r = 0;
        switch (i % 7) { case 0: r += 1; break; case 1: r += 10; case 2: r += 100; break; case 5: r += 1000; break; default: r -= 1; }
        switch (i * 1009 % 100000) { case -5: r += 3; break; case 17: r += 5; break; case 99991: r += 7; break; default: r += 0; }
        String s = (i % 3 == 0) ? "zero" : (i % 3 == 1) ? "one" : "two";
        switch (s) { case "zero": r += 11; break; case "one": r += 13; break; default: r += 17; }
        return r;
    }

    static int catching(int[] a, int i) {
        try {
            return a[i] / (i % 5);
        } catch (ArithmeticException e) {
            return -1;
        } catch (ArrayIndexOutOfBoundsException e) {
            return 3; // not the message: HotSpot drops it from hot implicit exceptions (OmitStackTraceInFastThrow)
        } finally {
            a[0]++;
        }
    }

    static int lines(int depth) {
        if (depth == 0) throw new IllegalStateException("deep");
        return lines(depth - 1) + 1;
    }

    static synchronized int locked(int x) { return x + 1; }

    // Methods that call nothing and cannot throw (accessors, arithmetic, divisions by constants): compiled without a frame.
    static class Point {
        private int x; private long y; static final int SCALE = 3;
        int getX() { return x; }
        void setX(int v) { x = v; }
        long getY() { return y; }
        void setY(long v) { this.y = v; }
        int scaled() { return x * SCALE + (int) (y / 4); }
    }
    static int divisions(int i) { return i / 2 + i % 7 + i / -3 + i % -5 + (i - 30000) / 16 + (i - 30000) % 16 + i / Integer.MIN_VALUE; }
    static long longDivisions(long i) { return i / 3L + (i - 30000) % 10L + i / 1000000007L + (-i) / 2L; }
    static int mix(int a, int b) { int r = 0; for (int k = 0; k < 4; k++) r += (a ^ (b << k)) >>> k; return r > 0 ? r : -r; }
    static int thrower(Point p, int i) {
        int v = p.getX() + divisions(i);
        if (i == 29999) throw new IllegalArgumentException("after frameless calls " + v);
        return v;
    }

    // Each called once: the inner loops turn far past the loop threshold and continue in compiled code entered at
    // their head, inside outer loops: labelled break and continue out of the inner loop, a do-while whose back branch
    // is conditional, an exception thrown in the inner loop and caught in the outer, a switch in the inner loop.
    static long nestedJumps(int n) {
        long r = 0;
        outer:
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 30000; j++) {
                if (j == 25000 + i) continue outer;
                if (i == 5 && j == 29000) break outer;
                r += (i ^ j) & 7;
            }
            r -= i;
        }
        return r;
    }

    static long nestedDoWhile() {
        long r = 0;
        int k = 0;
        for (int i = 0; i < 3; i++) {
            int j = 0;
            do { r += j % 3; j++; k++; } while (j < 25000);
            r += k;
        }
        return r;
    }

    static long nestedCatch() {
        long r = 0;
        int[] a = new int[100];
        for (int i = 0; i < 3; i++) {
            try {
                for (int j = 0; ; j++) a[j % 101] += j;
            } catch (ArrayIndexOutOfBoundsException e) {
                r += a[99] + i;
            }
        }
        return r;
    }

    static long nestedSwitch() {
        long r = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 40000; j++) {
                switch (j & 3) { case 0: r += 1; break; case 1: r -= 2; break; case 2: if (j == 39998 && i == 1) return r * 7; break; default: r ^= j; }
            }
        }
        return r;
    }

    public static void main(String[] args) {
        System.out.println("nested " + nestedJumps(8) + " " + nestedDoWhile() + " " + nestedCatch() + " " + nestedSwitch());
        long sum = 0;
        for (int i = 0; i < 60000; i++) sum += intCorners(i);
        System.out.println("int " + sum);
        sum = 0;
        for (long i = 0; i < 60000; i++) sum += longCorners(i);
        System.out.println("long " + sum);
        sum = 0;
        for (int i = 0; i < 60000; i++) sum += floatCorners(i);
        System.out.println("float " + sum);
        sum = 0;
        for (int i = 0; i < 60000; i++) sum += switches(i);
        System.out.println("switch " + sum);

        int[] arr = new int[7];
        sum = 0;
        for (int i = 0; i < 60000; i++) sum += catching(arr, i % 12);
        System.out.println("catching " + sum + " " + arr[0]);

        Shape[] shapes = new Shape[100];
        for (int i = 0; i < shapes.length; i++) shapes[i] = i % 10 == 9 ? new Circle(i) : new Square(i);
        double area = 0;
        for (int k = 0; k < 1000; k++) for (Shape s : shapes) area += s.area();
        System.out.println("area " + area);

        Base[] bases = { new Base(), new Derived() };
        sum = 0;
        for (int i = 0; i < 60000; i++) sum += bases[(i >> 10) & 1].f(i);
        System.out.println("virtual " + sum);

        sum = 0;
        for (int i = 0; i < 60000; i++) {
            if (i == 50000) sum += Late.value;
            sum += locked(i) & 3;
            synchronized (arr) { sum += arr.length; }
        }
        System.out.println("late " + sum);

        boolean[] flags = new boolean[8];
        byte[] bytes = new byte[8];
        char[] chars = new char[8];
        int[][] grid = new int[4][5];
        for (int i = 0; i < 60000; i++) {
            flags[i & 7] ^= (i % 3) == 0;
            bytes[i & 7] += (byte) i;
            chars[i & 7] += (char) (i * 3);
            grid[i & 3][i % 5] += i;
        }
        System.out.println("arrays " + Arrays.toString(flags) + Arrays.toString(bytes) + (int) chars[3] + Arrays.deepToString(grid));

        Object[] objects = new String[2];
        int stores = 0;
        for (int i = 0; i < 30000; i++) {
            try {
                objects[i & 1] = (i % 10000 == 9999) ? (Object) Integer.valueOf(i) : "s" + i;
                stores++;
            } catch (ArrayStoreException e) {
                stores += 1000;
            }
        }
        System.out.println("stores " + stores);

        int npes = 0;
        for (int i = 0; i < 30000; i++) {
            Object[] refs = (i % 1000 == 999) ? null : objects;
            boolean[] bits = (i % 1000 == 998) ? null : flags;
            try {
                refs[0] = "x";
                bits[1] = true;
            } catch (NullPointerException e) {
                npes++;
            }
        }
        System.out.println("null array stores " + npes);

        Object o = "text";
        int casts = 0;
        for (int i = 0; i < 30000; i++) {
            if (o instanceof CharSequence cs) casts += cs.length();
            try {
                if (i == 29999) { Integer n = (Integer) o; casts += n; }
            } catch (ClassCastException e) {
                System.out.println(e.getMessage());
            }
        }
        System.out.println("casts " + casts);

        for (int i = 0; i < 3000; i++) {
            try { lines(i % 50); } catch (IllegalStateException e) {
                if (i == 2999) { System.out.println(e.getStackTrace()[0] + " " + e.getStackTrace()[1] + " " + e.getStackTrace().length); }
            }
        }
        Point p = new Point();
        long acc = 0;
        for (int i = 0; i < 30000; i++) {
            p.setX(i);
            p.setY(p.getY() + i);
            acc += p.scaled() + divisions(i) + longDivisions(i) + mix(i, i * 31);
            try { acc += thrower(p, i); } catch (IllegalArgumentException e) {
                System.out.println(e.getMessage() + " at " + e.getStackTrace()[0] + " / " + e.getStackTrace()[1]);
            }
        }
        System.out.println("frameless " + acc + " " + p.getX() + " " + p.getY());

        int[] small = new int[3];
        for (int i = 0; i < 30000; i++) small[i % 3] += i;
        System.out.println(small[0] + small[1] + small[2] + " then " + small[3]);
    }
}
