// java.lang.Math/StrictMath results printed through Double.toString/Float.toString (the shortest-repr rules of
// JDK 17's FloatingDecimal), the special values, Double/Float parsing and bit conversions, toHexString.
// Math.sin/cos/tan/exp/log/pow may be intrinsics in HotSpot; the values printed are HotSpot's.
public class Main {
    static double one = 1.0;

    static void p(String label, double v) { System.out.println(label + " = " + v); }

    static void pf(String label, float v) { System.out.println(label + " = " + v); }

    public static void main(String[] args) {
        p("sqrt(2)", Math.sqrt(2 * one));
        p("sqrt(1e-300)", Math.sqrt(1e-300 * one));
        p("cbrt(27)", Math.cbrt(27 * one));
        p("cbrt(-2)", Math.cbrt(-2 * one));
        p("pow(2,0.5)", Math.pow(2 * one, 0.5));
        p("pow(2,10)", Math.pow(2 * one, 10));
        p("pow(2,-1074)", Math.pow(2 * one, -1074));
        p("pow(-8,1/3.)", Math.pow(-8 * one, 1.0 / 3));
        p("pow(0,0)", Math.pow(0 * one, 0));
        p("pow(1.0000001,1e7)", Math.pow(1.0000001 * one, 1e7));
        p("sin(1)", Math.sin(one));
        p("cos(1)", Math.cos(one));
        p("tan(1)", Math.tan(one));
        p("sin(pi)", Math.sin(Math.PI * one));
        p("cos(pi/2)", Math.cos(Math.PI / 2 * one));
        p("sin(1e6)", Math.sin(1e6 * one));
        p("asin(0.5)", Math.asin(0.5 * one));
        p("acos(-1)", Math.acos(-one));
        p("atan(1)", Math.atan(one));
        p("atan2(1,-1)", Math.atan2(one, -one));
        p("atan2(-0.0,-1)", Math.atan2(-0.0 * one, -one));
        p("exp(1)", Math.exp(one));
        p("exp(-745.2)", Math.exp(-745.2 * one));
        p("exp(710)", Math.exp(710 * one));
        p("expm1(1e-10)", Math.expm1(1e-10 * one));
        p("log(10)", Math.log(10 * one));
        p("log(0)", Math.log(0 * one));
        p("log(-1)", Math.log(-one));
        p("log10(1000)", Math.log10(1000 * one));
        p("log10(2)", Math.log10(2 * one));
        p("log1p(1e-10)", Math.log1p(1e-10 * one));
        p("sinh(1)", Math.sinh(one));
        p("cosh(1)", Math.cosh(one));
        p("tanh(0.5)", Math.tanh(0.5 * one));
        p("hypot(3,4)", Math.hypot(3 * one, 4));
        p("hypot(1e200,1e200)", Math.hypot(1e200 * one, 1e200));
        p("toDegrees(pi)", Math.toDegrees(Math.PI * one));
        p("toRadians(180)", Math.toRadians(180 * one));
        p("floor(-1.5)", Math.floor(-1.5 * one));
        p("ceil(1.2)", Math.ceil(1.2 * one));
        p("rint(-2.5)", Math.rint(-2.5 * one));
        p("signum(-3)", Math.signum(-3 * one));
        p("ulp(1)", Math.ulp(one));
        p("nextUp(1)", Math.nextUp(one));
        p("nextDown(1)", Math.nextDown(one));
        p("scalb(1,10)", Math.scalb(one, 10));
        p("getExponent(1000)", Math.getExponent(1000 * one));
        p("fma(2,3,4)", Math.fma(2 * one, 3, 4));
        p("StrictMath.sin(1)", StrictMath.sin(one));
        p("StrictMath.exp(1)", StrictMath.exp(one));
        p("StrictMath.log(10)", StrictMath.log(10 * one));
        p("StrictMath.pow(3,0.7)", StrictMath.pow(3 * one, 0.7));
        p("E", Math.E);
        p("PI", Math.PI);
        double acc = 0;
        for (int i = 1; i <= 1000; i++) acc += Math.sin(i * one) * Math.cos(i * 0.5) + Math.sqrt(i) / Math.exp(i / 1000.0);
        p("accumulated series", acc);
        double leibniz = 0;
        for (int k = 0; k < 100000; k++) leibniz += (k % 2 == 0 ? 4.0 : -4.0) / (2 * k + 1);
        p("Leibniz pi", leibniz);

        double[] values = {0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 100.0, 1e7, 9999999.0, 1.0E7 + 1, 12345678.9, 0.001, 0.0001, 1e-3 * 1.5,
            123456789012345680.0, 1e21, 1e22, 1e23, 4.35, 2.675, 5e-324, 1.7976931348623157E308, 2.2250738585072014E-308,
            0.1 + 0.7, 3.0 * 1.1, 1e16, 1.0E-5, 9.999999999999999E22, Math.PI * 1e10, -0.0, 0.5, 0.25, 1024.0625};
        StringBuilder sb = new StringBuilder();
        for (double v : values) sb.append(v).append(' ');
        System.out.println("Double.toString: " + sb.toString().trim());
        float[] fvalues = {0.1f, 1.0f / 3, 16777216f, 16777217f, 1e7f, 1e-3f, 3.4028235e38f, 1.4e-45f, 1.17549435E-38f, 0.3f, 2.5f, 1.1f * 1.1f, 100f / 7, 9999999f, 1.0E10f};
        StringBuilder fb = new StringBuilder();
        for (float v : fvalues) fb.append(v).append(' ');
        System.out.println("Float.toString: " + fb.toString().trim());
        pf("(float)0.1", (float) 0.1);
        p("(double)0.1f", (double) 0.1f);
        p("parse 1e-400", Double.parseDouble("1e-400"));
        p("parse 1e400", Double.parseDouble("1e400"));
        p("parse -0", Double.parseDouble("-0"));
        p("parse 0x1.8p1", Double.parseDouble("0x1.8p1"));
        p("parse .5", Double.parseDouble(".5"));
        p("parse 1_000? no, 1000d", Double.parseDouble("1000d"));
        p("parse   2.5  ", Double.parseDouble("  2.5  "));
        p("parse 2.4703282292062328E-324", Double.parseDouble("2.4703282292062328E-324"));
        p("parse 2.4703282292062327E-324", Double.parseDouble("2.4703282292062327E-324"));
        p("parse NaN", Double.parseDouble("NaN"));
        p("parse -Infinity", Double.parseDouble("-Infinity"));
        p("parse 9007199254740993", Double.parseDouble("9007199254740993"));
        pf("Float.parseFloat 3.4028236e38", Float.parseFloat("3.4028236e38"));
        pf("Float.parseFloat 1.00000017881393432617187499", Float.parseFloat("1.00000017881393432617187499"));
        try {
            Double.parseDouble("1,5");
        } catch (NumberFormatException e) {
            System.out.println("parse 1,5: " + e.getMessage());
        }
        System.out.println("toHexString: " + Double.toHexString(1.0) + " " + Double.toHexString(-0.1) + " " + Double.toHexString(Double.MIN_VALUE)
            + " " + Float.toHexString(1.5f));
        System.out.println("bits: " + Long.toHexString(Double.doubleToRawLongBits(1.0)) + " " + Double.longBitsToDouble(0x4009_21FB_5444_2D18L)
            + " " + Integer.toHexString(Float.floatToRawIntBits(-2.5f)) + " " + Float.intBitsToFloat(0x3f800001));
        System.out.println("NaN bits canonical: " + Long.toHexString(Double.doubleToLongBits(Double.longBitsToDouble(0x7ff8_0000_0000_0001L))));
        System.out.println("compare/isX: " + Double.compare(1.5, 2.5) + " " + Double.isFinite(1 / 0.0) + " " + Double.isInfinite(-1 / 0.0)
            + " " + Float.isNaN(0f / 0) + " " + Double.MIN_EXPONENT + " " + Double.MAX_EXPONENT);
        System.out.println("Double.valueOf/toString(float->double): " + Double.valueOf(1.1f) + " " + Float.valueOf("1.1").doubleValue()
            + " " + Double.toString(1e-7) + " " + Double.valueOf("1e-7"));
        System.out.println("sum of floats: " + (0.1f + 0.2f + 0.3f) + " " + (float) (0.1 + 0.2) + " " + (1e8f + 1) + " " + (1e8f + 4));
        System.out.println("integer-valued doubles: " + 1.0 + " " + 10.0 + " " + 1e6 + " " + 1e15 + " " + 123.0e5 + " " + (double) Integer.MAX_VALUE
            + " " + (double) Long.MIN_VALUE);
    }
}
