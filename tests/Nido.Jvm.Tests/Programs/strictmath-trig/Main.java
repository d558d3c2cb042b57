// StrictMath.sin, cos and tan bit for bit as fdlibm: special values, and a hash over random arguments up to
// Double.MAX_VALUE (the large ones reduced by 2/π in 24-bit pieces).
import java.util.*;
public class Main {
    public static void main(String[] args) {
        Random r = new Random(777);
        long h = 0; int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        double[] specials = {0.0, -0.0, Math.PI, -Math.PI, Math.PI / 2, Math.PI / 4, 3 * Math.PI / 4, 1e-9, 1e-30, 1e6, 1e9, 1e22, 1e300, -1e300, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, 0.6744, 0.67434, 2.0771484130971707, 1.5707963267948966, 205887.41614566068};
        StringBuilder sb = new StringBuilder();
        for (double x : specials) sb.append(StrictMath.sin(x)).append(' ').append(StrictMath.cos(x)).append(' ').append(StrictMath.tan(x)).append('\n');
        System.out.print(sb);
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble() * StrictMath.pow(10, r.nextInt(44) - 20) * (r.nextBoolean() ? 1 : -1);
            if (i % 1000 == 0) x = Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL);
            h = h * 31 + Double.doubleToRawLongBits(StrictMath.sin(x));
            h = h * 31 + Double.doubleToRawLongBits(StrictMath.cos(x));
            h = h * 31 + Double.doubleToRawLongBits(StrictMath.tan(x));
        }
        System.out.println(h);
    }
}
