// Static methods of int and long arithmetic only: what the native binary's x86-64 tier compiles. Each is called
// over edge values (MIN, MAX, -1, 0, shifts past the width), and the cases it gives up to the interpreter are here
// too: a zero divisor (ArithmeticException with its trace) and recursion too deep (StackOverflowError).
public class Main {
    static final int[] INTS = {0, 1, -1, 2, -2, 7, -7, 31, 32, 33, 63, 64, 65, 1000, -1000, 0x12345678, 0x7fffffff, 0x80000000, 0xdeadbeef};
    static final long[] LONGS = {0L, 1L, -1L, 2L, -3L, 63L, 64L, 65L, 0x123456789abcdefL, Long.MAX_VALUE, Long.MIN_VALUE, 4294967296L, -4294967297L};

    static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

    static long fibL(long n) { return n < 2 ? n : fibL(n - 1) + fibL(n - 2); }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    static long gcdL(long a, long b) { return b == 0 ? a : gcdL(b, a % b); }

    static int div(int a, int b) { return a / b; }
    static int rem(int a, int b) { return a % b; }
    static long divL(long a, long b) { return a / b; }
    static long remL(long a, long b) { return a % b; }
    static int divConst(int a) { return a / -1 + a % -1 + a / 7 + a % 7; }
    static long divConstL(long a) { return a / -1L + a % -1L + a / 1000000007L + a % 10L; }

    // A division among live values (rax and rdx hold values below the operands).
    static int divDeep(int a, int b, int c, int d) { return a + (b + (c + d / (a | 1)) % (b | 1)); }

    static int shifts(int a, int s) { return (a << s) ^ (a >> s) ^ (a >>> s) ^ (a << 33) ^ (a >> -1) ^ (s >>> a); }
    static long shiftsL(long a, int s) { return (a << s) ^ (a >> s) ^ (a >>> s) ^ (a << 65) ^ (a >>> -1) ^ ((long) s << a); }
    static int shiftCount(int a, int b, int c) { return (a << b) + (b >> c) + (c >>> a); }

    static int narrow(long x) { return (byte) x + (char) x + (short) x + (int) x + (byte) (x >> 8) * 3; }
    static char nextChar(char c) { return (char) (c + 1); }
    static byte twice(byte b) { return (byte) (b * 2); }
    static short half(short s) { return (short) (s / 2); }
    static boolean isPrime(int n) {
        if (n < 2) return false;
        for (int i = 2; (long) i * i <= n; i++) if (n % i == 0) return false;
        return true;
    }

    static int compare(long a, long b) { return Long.compare(a, b) * 10 + (a < b ? 1 : 0) + (a >= b ? 2 : 0) + (a == b ? 4 : 0); }

    static int table(int k) {
        switch (k) {
            case 0: return 10;
            case 1: return 11;
            case 2: return 12;
            case 3: return 13;
            case 4: return 14;
            default: return -1;
        }
    }

    static int lookup(int k) {
        switch (k) {
            case -1000: return 1;
            case 7: return 2;
            case 1000: return 3;
            case 0x7fffffff: return 4;
            default: return 0;
        }
    }

    // Seven parameters and more locals than registers: locals in the frame.
    static int many(int a, int b, int c, int d, int e, int f, int g) {
        int h = a * b - c, i = d ^ e, j = f + g, k = h * i + j;
        long l = (long) k * 31 + a;
        return (int) (l ^ (l >>> 32)) + h + i + j;
    }

    static long mixed(int a, long b, int c, long d) {
        long x = b * a + d / (c | 1);
        int y = (int) x ^ c;
        return x - y + (b > d ? 1 : -1);
    }

    static long chains(int n) {
        int a, b;
        a = b = n + 1;
        long c, d;
        c = d = n * 3L;
        return a * 100 + b + c * 7 + d;
    }

    static int loops(int n) {
        int s = 0;
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) s += (i ^ j) * 31 + i % (j + 1);
        return s;
    }

    static int bigIncrement(int i) {
        i += 1000;
        i -= 70000;
        return i;
    }

    static long constants() { return 0x12345678 + 0x123456789abcdefL - 1234567890123L + Integer.MIN_VALUE; }

    static int deep(int n) { return n == 0 ? 0 : 1 + deep(n - 1); }

    static int ackermann(int m, int n) {
        if (m == 0) return n + 1;
        if (n == 0) return ackermann(m - 1, 1);
        return ackermann(m - 1, ackermann(m, n - 1));
    }

    // Calls of a method itself, which the native tier inlines one level deep where its operand stack fits.
    static int tak(int x, int y, int z) { return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z; }

    static long manyLocals(long n, int base, int k) {
        int a = (int) (n % base), b = a * k, c = b ^ k, d = c + a;
        long e = n / base;
        return n < base ? d : d + manyLocals(e, base, k + 1) * 3 + a;
    }

    static int divRec(int n, int d) { return n == 0 ? 0 : n / d + divRec(n - 1, d - 1); }

    static int counted;

    static void countdown(int n) { if (n > 0) countdown(n - 1); }

    static int loopRec(int n) {
        int s = 0;
        for (int i = 0; i < n; i++) s += loopRec(i) % 7;
        return s + 1;
    }

    static int switchRec(int n) {
        switch (n & 3) {
            case 0: return n <= 0 ? 1 : switchRec(n - 1) + 1;
            case 1: return switchRec(n - 1) * 3;
            case 2: return switchRec(n - 2) - switchRec(n - 1);
            default: return 7 + switchRec(n / 2);
        }
    }

    static byte byteRec(int n) { return n <= 0 ? (byte) 100 : (byte) (byteRec(n - 1) + 77); }

    static int callsOther(int x) { return Other.scale(x) + Math.floorMod(x, 7); }

    static int callsLazy(int x) { return Lazy.triple(x) + 1; }

    static void nothing(int x) { }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < 25; n++) out.append(fib(n)).append(' ');
        out.append('\n').append(fibL(30)).append(' ').append(fib(27)).append('\n');
        for (int a : INTS) {
            for (int b : INTS) {
                out.append(gcd(a, b)).append(' ').append(shifts(a, b)).append(' ').append(shiftCount(a, b, a ^ b)).append(' ');
                out.append(many(a, b, a + b, a - b, a * b, a ^ b, 3)).append(' ').append(mixed(a, b, a ^ 5, (long) b << 20)).append(' ');
                out.append(divDeep(a, b, a - b, b * 3)).append(' ');
                if (b != 0) out.append(div(a, b)).append(' ').append(rem(a, b)).append(' ');
            }
            out.append(divConst(a)).append(' ').append(narrow(a)).append(' ').append(isPrime(a)).append(' ');
            out.append(table(a)).append(' ').append(lookup(a)).append(' ').append(chains(a)).append(' ').append(bigIncrement(a));
            out.append(' ').append((int) nextChar((char) a)).append(' ').append(twice((byte) a)).append(' ').append(half((short) a));
            out.append(' ').append(callsOther(a)).append('\n');
        }
        for (int k = -2; k < 7; k++) out.append(table(k)).append(lookup(k));
        out.append('\n');
        for (long a : LONGS) {
            for (long b : LONGS) {
                out.append(gcdL(Math.abs(a % 1000003), Math.abs(b % 999983))).append(' ').append(shiftsL(a, (int) b)).append(' ');
                out.append(compare(a, b)).append(' ').append(mixed((int) a, b, (int) b, a)).append(' ');
                if (b != 0) out.append(divL(a, b)).append(' ').append(remL(a, b)).append(' ');
            }
            out.append(divConstL(a)).append(' ').append(narrow(a)).append('\n');
        }
        out.append(loops(300)).append(' ').append(constants()).append(' ').append(ackermann(2, 300)).append(' ').append(deep(500)).append('\n');
        nothing(1);
        out.append(tak(18, 12, 6)).append(' ').append(tak(-3, -7, 11)).append(' ').append(loopRec(14)).append(' ');
        for (int n = -3; n < 40; n++) out.append(switchRec(n)).append(',');
        for (long n : LONGS) out.append(manyLocals(Math.abs(n % 100000000007L), 7, 3)).append(',');
        for (int n = 0; n < 300; n += 37) out.append(byteRec(n)).append(',');
        countdown(1000);
        out.append('\n').append(divRec(5, 9)).append(' ').append(divRec(100, 1000)).append('\n');
        System.out.print(out);
        // A zero divisor met in an inlined call: the call is given up and the interpreter throws.
        try {
            System.out.println(divRec(10, 8));
        } catch (ArithmeticException e) {
            System.out.println(e + " in " + e.getStackTrace()[0].getMethodName() + " at depth " + e.getStackTrace().length);
        }

        // Given up to the interpreter: the exception and its trace are the interpreter's.
        try {
            System.out.println(div(1, 0));
        } catch (ArithmeticException e) {
            System.out.println(e + " in " + e.getStackTrace()[0].getMethodName());
        }
        try {
            System.out.println(remL(5, 0));
        } catch (ArithmeticException e) {
            System.out.println(e + " in " + e.getStackTrace()[0].getMethodName());
        }
        System.out.println(div(Integer.MIN_VALUE, -1) + " " + rem(Integer.MIN_VALUE, -1) + " " + divL(Long.MIN_VALUE, -1) + " " + remL(Long.MIN_VALUE, -1));
        try {
            System.out.println(deep(10_000_000));
        } catch (StackOverflowError e) {
            System.out.println("StackOverflowError");
        }
        System.out.println(deep(1000) + " " + fib(20));

        // Lazy is initialised by its first call, after callsLazy was first asked for.
        System.out.println("before Lazy");
        System.out.println(callsLazy(4) + " " + callsLazy(5));
    }
}

class Other {
    static int scale(int x) { return x * 3 - (x >> 2); }
}

class Lazy {
    static {
        System.out.println("Lazy initialised");
    }

    static int triple(int x) { return 3 * x; }
}
