/**
 * The Math/StrictMath methods the JIT compiles inline (sqrt, abs, min, max, floor, ceil, rint, fma) must keep Java's
 * edge cases: NaN either side, -0.0 against +0.0, abs of MIN_VALUE, halfway rounding. Each is also run in a loop
 * long enough to be compiled. The printed lines show raw bits (computed interpreted); the hot loops' checksum
 * canonicalises NaNs, whose payload and sign HotSpot's own compiled code does not keep as its interpreter does.
 */
public class Main {
    static final double[] D = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 1e300, -1e-300,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.longBitsToDouble(0xfff8000000000001L), 4503599627370497.0, -4503599627370496.5};
    static final float[] F = {0f, -0f, 1f, -1f, 0.5f, -2.5f, 3.7f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    static final int[] I = {0, 1, -1, 42, -42, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1};
    static final long[] J = {0, 1, -1, 42, -42, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};

    static String b(double d) { return d + "/" + Long.toHexString(Double.doubleToRawLongBits(d)); }
    static String b(float f) { return f + "/" + Integer.toHexString(Float.floatToRawIntBits(f)); }

    static long unary(double x) {
        return Double.doubleToLongBits(Math.sqrt(x)) ^ 31 * Double.doubleToLongBits(Math.abs(x))
            ^ 961 * Double.doubleToLongBits(Math.floor(x)) ^ 29791 * Double.doubleToLongBits(Math.ceil(x))
            ^ 923521 * Double.doubleToLongBits(Math.rint(x)) ^ 7 * Double.doubleToLongBits(StrictMath.sqrt(x))
            ^ 11 * Double.doubleToLongBits(StrictMath.floor(x)) ^ 13 * Double.doubleToLongBits(StrictMath.rint(x));
    }

    static long binary(double x, double y) {
        return Double.doubleToLongBits(Math.min(x, y)) * 31 + Double.doubleToLongBits(Math.max(x, y))
            + 17 * Double.doubleToLongBits(Math.fma(x, y, 1.0)) + 19 * Double.doubleToLongBits(StrictMath.max(y, x));
    }

    static long floats(float x, float y) {
        return Float.floatToIntBits(Math.min(x, y)) * 31L + Float.floatToIntBits(Math.max(x, y))
            + 17L * Float.floatToIntBits(Math.abs(x)) + 19L * Float.floatToIntBits(Math.fma(x, y, -1f));
    }

    static long ints(int x, int y, long a, long c) {
        return Math.abs(x) * 31L + Math.min(x, y) + 7L * Math.max(x, y) + 11 * Math.abs(a) + 13 * Math.min(a, c) + 17 * Math.max(a, c)
            + StrictMath.abs(y) + StrictMath.max(c, a);
    }

    public static void main(String[] args) {
        for (double x : D)
            System.out.println("d " + b(x) + " sqrt " + b(Math.sqrt(x)) + " abs " + b(Math.abs(x)) + " floor " + b(Math.floor(x))
                + " ceil " + b(Math.ceil(x)) + " rint " + b(Math.rint(x)));
        for (double x : D) for (double y : D)
            if (Double.isNaN(x) || x == 0 || y == 0 || Double.isNaN(y))
                System.out.println("minmax " + b(x) + " " + b(y) + " min " + b(Math.min(x, y)) + " max " + b(Math.max(x, y)) + " fma " + b(Math.fma(x, y, 0.5)));
        for (float x : F) for (float y : F)
            if (Float.isNaN(x) || x == 0 || y == 0)
                System.out.println("f " + b(x) + " " + b(y) + " min " + b(Math.min(x, y)) + " max " + b(Math.max(x, y)) + " abs " + b(Math.abs(x)));
        for (int x : I) System.out.println("abs " + x + " = " + Math.abs(x) + ", " + StrictMath.abs((long) x));
        for (long x : J) System.out.println("labs " + x + " = " + Math.abs(x) + " min " + Math.min(x, -x) + " max " + Math.max(x, -x));

        // Hot loops: compiled, where the intrinsics apply.
        long sum = 0;
        for (int round = 0; round < 3000; round++) {
            for (double x : D) sum = sum * 31 + unary(x);
            for (int i = 0; i < D.length; i++) sum = sum * 31 + binary(D[i], D[(i + round) % D.length]);
            for (int i = 0; i < F.length; i++) sum = sum * 31 + floats(F[i], F[(i + round) % F.length]);
            for (int i = 0; i < I.length; i++) sum = sum * 31 + ints(I[i], I[(i + round) % I.length], J[i], J[(i + round) % J.length]);
        }
        System.out.println("checksum " + Long.toHexString(sum));
        double acc = 0;
        for (int i = 1; i < 200000; i++) acc += Math.sqrt(i) - Math.floor(Math.sqrt(i)) + Math.max(acc, -1.0) * 0;
        System.out.println("acc " + acc);
        log10();
    }

    /**
     * Math.log10 is correctly rounded on HotSpot (its x86-64 stub), where C's log10 is an ulp off for 7% of
     * arguments: every power of ten, edge values, and 24,000 arguments over the whole range (run often enough
     * to be compiled). Arguments within ~1e-6 of 1, where the stub itself is an ulp off now and then, are left out.
     */
    static void log10() {
        double[] edges = {1, 10, 0.1, 2, 0.5, 0.0, -0.0, -1, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-310, Double.MAX_VALUE,
            Double.NaN, Double.longBitsToDouble(0x7ff1234567890abcL), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Math.sqrt(2), 1.0000000000000002, 0.9999999999999999};
        for (double x : edges) System.out.println("log10 " + b(x) + " = " + b(Math.log10(x)));
        long powers = 0;
        for (int p = -323; p <= 308; p++) powers = powers * 31 + Double.doubleToRawLongBits(Math.log10(Double.parseDouble("1e" + p)));
        System.out.println("log10 of powers of ten " + Long.toHexString(powers) + " " + Math.log10(1e22) + " " + Math.log10(1e-300));
        java.util.Random random = new java.util.Random(11);
        long sum = 0;
        int shown = 0;
        for (int i = 0; i < 24000; i++) {
            double x = i % 2 == 0 ? random.nextDouble() * 200 : Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            if (Math.abs(x - 1) < 1e-5) continue;
            double y = Math.log10(x);
            sum = sum * 31 + Double.doubleToRawLongBits(y);
            if (i % 2000 == 0) System.out.println("log10(" + x + ") = " + y);
        }
        System.out.println("log10 checksum " + Long.toHexString(sum));
    }
}
