// Arithmetic edge cases. Operands come from non-final locals and fields so javac cannot fold them:
// the JVM's own iadd/idiv/irem/ishl/d2i/... run.
public class Main {
    static int zero = 0;
    static long lzero = 0L;
    static double dzero = 0.0;

    static void p(String label, Object value) {
        System.out.println(label + " = " + value);
    }

    public static void main(String[] args) {
        overflow();
        division();
        remainders();
        shifts();
        floats();
        conversions();
        chars();
        widening();
        exact();
        evaluationOrder();
    }

    static void overflow() {
        int max = Integer.MAX_VALUE, min = Integer.MIN_VALUE;
        p("max+1", max + 1);
        p("min-1", min - 1);
        p("max*2", max * 2);
        p("-min", -min);
        p("abs(min)", Math.abs(min));
        p("min/-1", min / -1);
        p("min%-1", min % -1);
        int million = 1_000_000;
        p("million*million", million * million);
        p("million*million L", (long) million * million);
        long lmax = Long.MAX_VALUE, lmin = Long.MIN_VALUE;
        p("lmax+1", lmax + 1);
        p("lmin-1", lmin - 1);
        p("lmin/-1", lmin / -1);
        p("lmin%-1", lmin % -1);
        p("-lmin", -lmin);
        p("lmax*lmax", lmax * lmax);
        int i = max;
        i++;
        p("max++", i);
        i = min;
        i--;
        p("min--", i);
        i = 5;
        i = i++ + ++i;
        p("i++ + ++i", i);
        int h = 0;
        for (int k = 0; k < 40; k++) h = 31 * h + k;
        p("hash loop", h);
        long lh = 1;
        for (int k = 1; k <= 25; k++) lh *= k;
        p("25! mod 2^64", lh);
    }

    static void division() {
        int a = 7, n = -7;
        p("7/2", a / 2);
        p("-7/2", n / 2);
        p("-7/-2", n / -2);
        try {
            p("1/0", 1 / zero);
        } catch (ArithmeticException e) {
            p("int 1/0 throws", e.getClass().getName());
        }
        try {
            p("1%0", 1 % zero);
        } catch (ArithmeticException e) {
            p("int 1%0 throws", e.getClass().getName());
        }
        try {
            p("1L/0", 1L / lzero);
        } catch (ArithmeticException e) {
            p("long 1/0 throws", e.getClass().getName());
        }
        try {
            p("1L%0", 1L % lzero);
        } catch (ArithmeticException e) {
            p("long 1%0 throws", e.getClass().getName());
        }
        p("1.0/0", 1.0 / dzero);
        p("-1.0/0", -1.0 / dzero);
        p("0.0/0", dzero / dzero);
        p("1.0/-0.0", 1.0 / -dzero);
        p("1%0.0", 1 % dzero);
        p("1f/0", 1f / (float) dzero);
        p("Integer.divideUnsigned(-1,3)", Integer.divideUnsigned(-1, 3));
        p("Integer.remainderUnsigned(-1,3)", Integer.remainderUnsigned(-1, 3));
        p("Long.divideUnsigned(-1,3)", Long.divideUnsigned(-1L, 3L));
        p("Long.remainderUnsigned(-1,7)", Long.remainderUnsigned(-1L, 7L));
        p("Integer.toUnsignedString(-1)", Integer.toUnsignedString(-1));
        p("Long.toUnsignedString(-1)", Long.toUnsignedString(-1L));
    }

    static void remainders() {
        int a = 7, b = 3;
        p("-7%3", -a % b);
        p("7%-3", a % -b);
        p("-7%-3", -a % -b);
        p("floorMod(-7,3)", Math.floorMod(-a, b));
        p("floorDiv(-7,3)", Math.floorDiv(-a, b));
        p("floorMod(7,-3)", Math.floorMod(a, -b));
        long la = -7L;
        p("-7L%3", la % 3);
        double x = -7.5, y = 2.0;
        p("-7.5%2", x % y);
        p("7.5%-2", -x % -y);
        p("5.0%2.5", 5.0 % (y + 0.5));
        p("-0.0%1", -dzero % 1.0);
        p("1e300%3", 1e300 % 3.0);
        p("Inf%2", (1.0 / dzero) % 2.0);
        p("2%Inf", 2.0 % (1.0 / dzero));
        p("IEEEremainder(-7.5,2)", Math.IEEEremainder(x, y));
        float f = -7.5f;
        p("-7.5f%2f", f % 2f);
    }

    static void shifts() {
        int one = 1, s32 = 32, s33 = 33, sm1 = -1, s35 = 35;
        p("1<<32", one << s32);
        p("1<<33", one << s33);
        p("1<<-1", one << sm1);
        p("1<<35", one << s35);
        int m1 = -1, m16 = -16;
        p("-1>>>28", m1 >>> 28);
        p("-1>>28", m1 >> 28);
        p("-16>>>2", m16 >>> 2);
        p("-16>>2", m16 >> 2);
        p("-16>>>34", m16 >>> 34);
        long lone = 1L;
        p("1L<<64", lone << 64 + zero);
        p("1L<<63", lone << 63 + zero);
        p("1L<<65", lone << 65 + zero);
        p("-1L>>>60", -lone >>> 60 + zero);
        p("-1L>>60", -lone >> 60 + zero);
        p("1L<<-1", lone << sm1);
        byte b = -1;
        p("(byte)-1>>>4", b >>> 4);
        p("(byte)(-1>>>28)", (byte) (b >>> 28));
        short sh = -32768;
        p("(short)-32768>>1", sh >> 1);
        char c = '\uffff';
        p("char 0xffff>>>4", c >>> 4);
        int x = 0x12345678;
        x >>>= 36;
        p("0x12345678 >>>= 36", Integer.toHexString(x));
    }

    static void floats() {
        double nan = dzero / dzero, inf = 1.0 / dzero, nz = -dzero;
        p("NaN==NaN", nan == nan);
        p("NaN!=NaN", nan != nan);
        p("NaN<1", nan < 1);
        p("NaN>1", nan > 1);
        p("NaN<=NaN", nan <= nan);
        p("!(NaN<1)", !(nan < 1));
        p("compare(NaN,NaN)", Double.compare(nan, nan));
        p("compare(NaN,Inf)", Double.compare(nan, inf));
        p("NaN equals NaN", Double.valueOf(nan).equals(nan));
        p("0.0==-0.0", dzero == nz);
        p("compare(0.0,-0.0)", Double.compare(dzero, nz));
        p("0.0 equals -0.0", Double.valueOf(dzero).equals(nz));
        p("min(0.0,-0.0)", Math.min(dzero, nz));
        p("max(-0.0,0.0)", Math.max(nz, dzero));
        p("min(NaN,1)", Math.min(nan, 1.0));
        p("Inf-Inf", inf - inf);
        p("Inf*0", inf * dzero);
        p("-Inf", -inf);
        p("Inf>MAX", inf > Double.MAX_VALUE);
        p("MAX*2", Double.MAX_VALUE * 2);
        p("MIN_VALUE/2", Double.MIN_VALUE / 2);
        p("0.1+0.2", 0.1 + 0.2 + dzero);
        p("0.1f+0.2f", 0.1f + 0.2f + (float) dzero);
        p("1f/3", 1f / (3f + (float) dzero));
        p("(double)(1f/3)", (double) (1f / (3f + (float) dzero)));
        p("100f*1.1f", 100f * (1.1f + (float) dzero));
        p("float NaN==NaN", Float.NaN + (float) dzero == Float.NaN);
        p("sqrt(-1)", Math.sqrt(-1 + dzero));
        p("signum(-0.0)", Math.signum(nz));
        p("copySign(1,-0.0)", Math.copySign(1.0, nz));
        double d = 0.1;
        double sum = 0;
        for (int i = 0; i < 10; i++) sum += d;
        p("sum 10x0.1", sum);
        p("sum==1.0", sum == 1.0);
        float fl = 16777216f;
        fl += 1f;
        p("2^24f+1", fl);
        p("(float)1e40", (float) (1e40 + dzero));
        p("(float)1e-50", (float) (1e-50 + dzero));
        p("doubleToLongBits(-0.0)", Long.toHexString(Double.doubleToLongBits(nz)));
        p("floatToIntBits(NaN)", Integer.toHexString(Float.floatToIntBits(Float.NaN)));
    }

    static void conversions() {
        double big = 1e20, nbig = -1e20, nan = dzero / dzero, inf = 1.0 / dzero;
        p("(int)1e20", (int) big);
        p("(int)-1e20", (int) nbig);
        p("(int)NaN", (int) nan);
        p("(long)Inf", (long) inf);
        p("(long)-Inf", (long) -inf);
        p("(long)NaN", (long) nan);
        p("(long)-1e30", (long) (nbig * 1e10));
        double d399 = 3.99;
        p("(int)3.99", (int) d399);
        p("(int)-3.99", (int) -d399);
        float fnan = Float.NaN, fmax = Float.MAX_VALUE;
        p("(long)NaNf", (long) fnan);
        p("(int)MAXf", (int) fmax);
        p("(long)MAXf", (long) fmax);
        p("(int)-MAXf", (int) -fmax);
        double d70000 = 70000.7;
        p("(char)70000.7 as int", (int) (char) d70000);
        p("(byte)300.0", (byte) (d70000 - 69700.7));
        p("(short)1e20", (short) big);
        p("(short)1e10", (short) (big * 1e-10));
        p("(byte)-129.9", (byte) (-129.9 + dzero));
        p("round(2.5)", Math.round(2.5 + dzero));
        p("round(-2.5)", Math.round(-2.5 + dzero));
        p("round(-0.5)", Math.round(-0.5 + dzero));
        p("round(0.49999999999999994)", Math.round(0.49999999999999994 + dzero));
        p("round(NaN)", Math.round(nan));
        p("round(1e20)", Math.round(big));
        p("round(2.5f)", Math.round(2.5f + (float) dzero));
        p("rint(2.5)", Math.rint(2.5 + dzero));
        p("rint(3.5)", Math.rint(3.5 + dzero));
        p("floor(-2.5)", Math.floor(-2.5 + dzero));
        p("ceil(-2.5)", Math.ceil(-2.5 + dzero));
        p("ceil(-0.5)", Math.ceil(-0.5 + dzero));
        long l = 0x1_0000_0001L + lzero;
        p("(int)0x100000001L", (int) l);
        p("(int)0xFFFFFFFF80000000L", (int) (0xFFFFFFFF80000000L + lzero));
        long big63 = (1L << 62) + 1 + lzero;
        p("(double)2^62+1", (double) big63);
        p("(float)123456789L", (float) (123456789L + lzero));
        int i24 = 16777217 + zero;
        p("(float)16777217", (float) i24);
        p("(double)Long.MAX", (double) (Long.MAX_VALUE + lzero));
        p("(long)(double)Long.MAX", (long) (double) (Long.MAX_VALUE + lzero));
        p("(int)(char)-1", (int) (char) (-1 + zero));
        p("(short)(char)65535", (short) (char) (65535 + zero));
        p("(byte)0x80", (byte) (0x80 + zero));
        p("(char)(byte)-1 as int", (int) (char) (byte) (-1 + zero));
    }

    static void chars() {
        char c = 'A';
        c += 2;
        c++;
        p("'A'+2+1", c);
        char a = 'a';
        p("'a'+1", a + 1);
        p("(char)('a'+1)", (char) (a + 1));
        p("'z'-'a'", 'z' - a);
        char mx = '\uffff';
        mx++;
        p("0xffff+1 as int", (int) mx);
        char zc = 0;
        zc--;
        p("0-1 as int", (int) zc);
        p("'a'*2", a * 2);
        p("char+string", a + "b");
        p("char+char+string", a + a + "b");
        p("string+char+char", "b" + a + a);
        char digit = '7';
        p("'7'-'0'", digit - '0');
        char[] cs = {'x', 'y', 'z'};
        int total = 0;
        for (char ch : cs) total += ch;
        p("sum xyz", total);
        p("(char)88", (char) (88 + zero));
        p("ternary char/int", true ? 'x' : 0);
        int zeroInt = 0;
        p("ternary char/int var", false ? 'x' : zeroInt + 120);
    }

    static void widening() {
        byte b = (byte) (200 + zero);
        short sh = (short) (40000 + zero);
        p("(byte)200", b);
        p("(short)40000", sh);
        p("b & 0xff", b & 0xff);
        p("(byte)(b+b)", (byte) (b + b));
        byte b2 = 10;
        b2 += 300;
        p("b2 += 300", b2);
        b2 *= 100;
        p("b2 *= 100", b2);
        short s2 = 1;
        s2 <<= 17;
        p("s2 <<= 17", s2);
        s2 = (short) (32767 + zero);
        s2++;
        p("32767++ short", s2);
        int i = 'a' + zero;
        long l = i;
        float f = l;
        double d = f;
        p("int->long->float->double", d);
        long lbig = Long.MAX_VALUE + lzero;
        float flbig = lbig;
        p("long max as float", flbig);
        int imax = Integer.MAX_VALUE + zero;
        float fimax = imax;
        p("int max as float", fimax);
        p("(int)(float)int max", (int) fimax);
        double dd = 1e308 + dzero;
        float ff = (float) dd;
        p("(float)1e308", ff);
        p("int*double", (zero + 3) * 0.5);
        p("long+float", (lzero + 3) + 0.25f);
        p("int/int*double", (zero + 7) / 2 * 2.0);
        p("double cast first", (double) (zero + 7) / 2);
        p("Integer.MIN_VALUE literal", -2147483648);
        p("Long.MIN_VALUE literal", -9223372036854775808L);
        p("0x7fffffff+1 hex", Integer.toHexString(0x7fffffff + 1 + zero));
        p("octal 017", 017 + zero);
        p("binary 0b1010", 0b1010 + zero);
    }

    static void exact() {
        int max = Integer.MAX_VALUE;
        try {
            Math.addExact(max, 1);
        } catch (ArithmeticException e) {
            p("addExact", e.getMessage());
        }
        try {
            Math.multiplyExact(Long.MAX_VALUE, 2L);
        } catch (ArithmeticException e) {
            p("multiplyExact long", e.getMessage());
        }
        try {
            Math.toIntExact(1L << 40);
        } catch (ArithmeticException e) {
            p("toIntExact", e.getMessage());
        }
        try {
            Math.negateExact(Integer.MIN_VALUE);
        } catch (ArithmeticException e) {
            p("negateExact", e.getMessage());
        }
        p("addExact ok", Math.addExact(max - 1, 1));
        p("multiplyHigh", Math.multiplyHigh(Long.MAX_VALUE, 3L));
        p("abs(-5L)", Math.abs(-5L + lzero));
        p("absExact ok", Math.absExact(-5 + zero));
    }

    static int[] arr = new int[4];

    static int idx(int i, StringBuilder sb) {
        sb.append("i").append(i);
        return i;
    }

    static void evaluationOrder() {
        StringBuilder sb = new StringBuilder();
        int r = idx(1, sb) - idx(2, sb) * idx(3, sb);
        p("order", sb + " -> " + r);
        int i = 0;
        arr[i] = i = 2;
        p("arr[i] = i = 2", java.util.Arrays.toString(arr) + " i=" + i);
        int j = 1;
        j += j++ * ++j;
        p("j += j++ * ++j", j);
        int k = 10;
        k = k++ + k--;
        p("k = k++ + k--", k);
        boolean t = true, f = false;
        p("t ^ f", t ^ f);
        p("t & f | t", t & f | t);
        p("~5", ~(5 + zero));
        p("-5 >> 1", (-5 + zero) >> 1);
        p("-5 / 2", (-5 + zero) / 2);
    }
}
