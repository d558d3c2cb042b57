import java.util.List;
import java.util.Locale;

// String.format / printf / Formatter: integer, string, character, boolean and floating conversions with flags,
// width, precision, argument indices and grouping. The default locale comes from the environment the harness sets
// (C.UTF-8); the explicit-locale lines do not depend on it.
public class Main {
    static void f(String fmt, Object... args) {
        System.out.println(fmt.replace("%n", "\\n") + " => [" + String.format(fmt, args) + "]");
    }

    public static void main(String[] args) {
        f("%d", 42);
        f("%d %d %d %d", (byte) -1, (short) 300, 7L, Integer.MIN_VALUE);
        f("%5d|%-5d|%05d", 42, 42, 42);
        f("%+d %+d % d % d", 5, -5, 5, -5);
        f("%(d %(d", 5, -5);
        f("%,d %,d %,d", 1234567, -9876543210L, 999);
        f("%x %X %o", 255, 255, 8);
        f("%x %x", -1, -1L);
        f("%#x %#o %08X", 255, 8, 0xBEEF);
        f("%s %S %s %s", "str", "up", null, List.of(1, 2));
        f("%10s|%-10s|%.3s|%-6.2s|", "right", "left", "truncate", "ab-cd");
        f("%c %c %C", 'x', 65, 'y');
        f("%b %b %b %B", true, null, "nonnull", false);
        f("%% literal and newline%n");
        f("%f %f %f", 3.14159, -2.5, 0.0);
        f("%.2f %.0f %.0f %.0f %.1f", 3.14159, 2.5, 3.5, -2.5, 0.05);
        f("%08.3f|%-10.2f|%+.1f", 3.14159, 2.71828, 1.0);
        f("%,.2f %,.3f", 1234567.891, -0.5);
        f("%e %.2e %E", 12345.678, 0.000123, 1e100);
        f("%g %g %g %.3g", 12345.678, 0.0001234, 123456789.0, 0.5);
        f("%a", 1.0);
        f("%f %f %f", Double.NaN, Double.POSITIVE_INFINITY, -0.0);
        f("%.3f %10.4f", 1e-10, 123.0);
        f("%s %s", 1.0f, 100.0);
        f("%2$s %1$s %2$s", "a", "b");
        f("%s %<s %s", "x", "y");
        f("%h %h", "hello", 42);
        f("%-8s|%8s|", "αβγ", "é");
        f("%d items", List.of(1, 2, 3).size());
        f("%x", new java.math.BigInteger("123456789abcdef0123", 16));
        f("%.5f", new java.math.BigDecimal("2.718281828459045"));
        f("%,d", new java.math.BigInteger("-123456789012345678901234567890"));
        f("%o %x", (byte) -1, (short) -1);
        System.out.println(String.format(Locale.ROOT, "ROOT: %,.2f %e", 1234567.891, 0.5));
        System.out.println(String.format(Locale.US, "US: %,d %,.2f", 1234567, 1234567.891));
        System.out.println(String.format(Locale.GERMANY, "GERMANY: %,d %,.2f", 1234567, 1234567.891));
        System.out.println(String.format(Locale.FRANCE, "FRANCE: %.2f", 3.5));
        System.out.printf("printf: %s=%d%n", "answer", 42);
        System.out.println(new java.util.Formatter().format("%05.1f|%s", 9.96, "fmt").toString());
        StringBuilder sb = new StringBuilder();
        new java.util.Formatter(sb).format("%3$s%2$s%1$s", "a", "b", "c");
        System.out.println("Formatter to StringBuilder: " + sb);
        for (String bad : new String[] {"%d", "%q", "%.2d", "%-d"}) {
            try {
                System.out.println(String.format(bad, "text"));
            } catch (java.util.IllegalFormatException e) {
                System.out.println("bad format '" + bad + "': " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        try {
            String.format("%s %s", "only one");
        } catch (java.util.MissingFormatArgumentException e) {
            System.out.println("missing argument: " + e.getMessage());
        }
    }
}
