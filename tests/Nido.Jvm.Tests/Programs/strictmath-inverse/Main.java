// StrictMath.log, log10, atan, atan2, asin, acos bit for bit as fdlibm (special values and a hash over random
// arguments), and Random.nextGaussian, which is built on StrictMath.log.
import java.util.*;
public class Main {
    public static void main(String[] args) {
        Random r = new Random(12345);
        long h = 0; int n = 20000;
        double[] specials = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-310, -1e-310, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.975, 0.4375, 1.1875, 2.4375, 1e-30, 1e30, 1e300};
        StringBuilder sb = new StringBuilder();
        for (double x : specials) sb.append(StrictMath.log(x)).append(' ').append(StrictMath.log10(x)).append(' ').append(StrictMath.atan(x)).append(' ').append(StrictMath.asin(x)).append(' ').append(StrictMath.acos(x)).append(' ').append(StrictMath.atan2(x, 0.5)).append(' ').append(StrictMath.atan2(-1.5, x)).append('\n');
        System.out.print(sb);
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) * (r.nextBoolean() ? 1 : -1);
            double u = r.nextDouble() * 2 - 1;
            h = h * 31 + Double.doubleToRawLongBits(StrictMath.log(Math.abs(x)));
            h = h * 31 + Double.doubleToRawLongBits(StrictMath.log10(Math.abs(x)));
            h = h * 31 + Double.doubleToRawLongBits(StrictMath.atan(x));
            h = h * 31 + Double.doubleToRawLongBits(StrictMath.asin(u));
            h = h * 31 + Double.doubleToRawLongBits(StrictMath.acos(u));
            h = h * 31 + Double.doubleToRawLongBits(StrictMath.atan2(x, u));
            h = h * 31 + Double.doubleToRawLongBits(Math.atan(x));
        }
        System.out.println(h);
        Random g = new Random(42); double sum = 0; for (int i = 0; i < 100000; i++) sum += g.nextGaussian();
        System.out.println(new Random(42).nextGaussian() + " " + sum);
    }
}
