import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

// BigInteger and BigDecimal: arithmetic beyond 64 bits, factorials, powers, modular arithmetic, gcd, bit
// operations on negatives (two's complement semantics), radix conversion, primality of known numbers; decimal
// scale and precision, rounding modes, exact division failure, MathContext, toString vs toPlainString,
// equals vs compareTo, new BigDecimal(double) vs valueOf.
public class Main {
    public static void main(String[] args) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= 50; i++) f = f.multiply(BigInteger.valueOf(i));
        System.out.println("50! = " + f + " bitLength " + f.bitLength() + " bitCount " + f.bitCount() + " lowestSetBit " + f.getLowestSetBit());
        BigInteger two = BigInteger.TWO;
        BigInteger p127 = two.pow(127).subtract(BigInteger.ONE);
        System.out.println("2^127-1 = " + p127 + " prime " + p127.isProbablePrime(50) + ", 2^128+1 prime " + two.pow(128).add(BigInteger.ONE).isProbablePrime(50));
        System.out.println("561 prime (Carmichael): " + BigInteger.valueOf(561).isProbablePrime(50) + " nextProbablePrime(1000) " + BigInteger.valueOf(1000).nextProbablePrime());
        BigInteger a = new BigInteger("123456789012345678901234567890"), b = new BigInteger("-987654321098765432109876543210");
        System.out.println("add " + a.add(b) + " sub " + a.subtract(b) + " mul " + a.multiply(b));
        System.out.println("div " + b.divide(a) + " rem " + b.remainder(a) + " mod " + b.mod(a) + " divideAndRemainder " + java.util.Arrays.toString(b.divideAndRemainder(a)));
        System.out.println("gcd " + a.gcd(b) + " abs " + b.abs() + " negate " + a.negate() + " signum " + b.signum() + " compareTo " + a.compareTo(b) + " min " + a.min(b));
        BigInteger m = BigInteger.valueOf(1_000_000_007);
        System.out.println("modPow 3^(10^18) mod p = " + BigInteger.valueOf(3).modPow(BigInteger.TEN.pow(18), m) + " modInverse " + BigInteger.valueOf(12345).modInverse(m));
        try {
            BigInteger.valueOf(10).modInverse(BigInteger.valueOf(20));
        } catch (ArithmeticException e) {
            System.out.println("modInverse not invertible: " + e.getMessage());
        }
        try {
            a.divide(BigInteger.ZERO);
        } catch (ArithmeticException e) {
            System.out.println("divide by zero: " + e.getMessage());
        }
        BigInteger neg = BigInteger.valueOf(-12345);
        System.out.println("bits of -12345: and " + neg.and(BigInteger.valueOf(0xFF)) + " or " + neg.or(BigInteger.valueOf(0xF0)) + " xor " + neg.xor(BigInteger.ONE)
            + " not " + neg.not() + " shiftLeft " + neg.shiftLeft(70) + " shiftRight " + neg.shiftRight(3) + " testBit0 " + neg.testBit(0)
            + " setBit100 " + neg.setBit(100).bitLength() + " toByteArray " + java.util.Arrays.toString(neg.toByteArray()));
        System.out.println("radix: " + f.toString(16) + " " + new BigInteger("zz", 36) + " " + new BigInteger("-101", 2) + " " + BigInteger.valueOf(Long.MIN_VALUE).negate());
        System.out.println("sqrt " + f.sqrt() + " longValue wraps " + p127.longValue() + " intValue " + p127.intValue() + " doubleValue " + f.doubleValue());
        try {
            p127.longValueExact();
        } catch (ArithmeticException e) {
            System.out.println("longValueExact: " + e.getMessage());
        }
        System.out.println("hashCode " + a.hashCode() + " " + f.hashCode() + " equals " + a.equals(new BigInteger("123456789012345678901234567890")));
        BigInteger fib = BigInteger.ZERO, next = BigInteger.ONE;
        for (int i = 0; i < 300; i++) {
            BigInteger t = fib.add(next);
            fib = next;
            next = t;
        }
        System.out.println("fib(300) = " + fib);

        BigDecimal x = new BigDecimal("1.10"), y = new BigDecimal("1.1");
        System.out.println("1.10 vs 1.1: equals " + x.equals(y) + " compareTo " + x.compareTo(y) + " scale " + x.scale() + "/" + y.scale() + " precision " + x.precision()
            + " stripTrailingZeros " + x.stripTrailingZeros() + " hash equal " + (x.hashCode() == y.hashCode()));
        System.out.println("new BigDecimal(0.1) = " + new BigDecimal(0.1));
        System.out.println("BigDecimal.valueOf(0.1) = " + BigDecimal.valueOf(0.1) + " valueOf(100, -2)... " + BigDecimal.valueOf(12345, 3) + " " + BigDecimal.valueOf(5, -3));
        System.out.println("add/sub/mul: " + x.add(new BigDecimal("2.005")) + " " + x.subtract(new BigDecimal("0.105")) + " " + x.multiply(new BigDecimal("-3.3")));
        BigDecimal third = BigDecimal.ONE.divide(BigDecimal.valueOf(3), new MathContext(25));
        System.out.println("1/3 to 25 digits: " + third + " scale " + third.scale() + " times 3 " + third.multiply(BigDecimal.valueOf(3)));
        System.out.println("1/3 scale 5 HALF_UP: " + BigDecimal.ONE.divide(BigDecimal.valueOf(3), 5, RoundingMode.HALF_UP) + " 2/3: "
            + BigDecimal.valueOf(2).divide(BigDecimal.valueOf(3), 5, RoundingMode.HALF_UP));
        try {
            BigDecimal.ONE.divide(BigDecimal.valueOf(3));
        } catch (ArithmeticException e) {
            System.out.println("non-terminating: " + e.getMessage());
        }
        System.out.println("exact divide: " + BigDecimal.ONE.divide(BigDecimal.valueOf(8)) + " " + new BigDecimal("10").divide(new BigDecimal("4")));
        String[] rounding = {"2.5", "-2.5", "1.15", "1.25", "-1.35", "0.005"};
        for (RoundingMode rm : new RoundingMode[] {RoundingMode.UP, RoundingMode.DOWN, RoundingMode.CEILING, RoundingMode.FLOOR, RoundingMode.HALF_UP, RoundingMode.HALF_DOWN, RoundingMode.HALF_EVEN}) {
            StringBuilder sb = new StringBuilder(rm + ":");
            for (String r : rounding) sb.append(' ').append(new BigDecimal(r).setScale(new BigDecimal(r).scale() - 1, rm));
            System.out.println(sb);
        }
        try {
            new BigDecimal("1.25").setScale(1, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            System.out.println("UNNECESSARY: " + e.getMessage());
        }
        BigDecimal big = new BigDecimal("1E+3"), tiny = new BigDecimal("0.00000012");
        System.out.println("toString/toPlainString/toEngineeringString: " + big + " " + big.toPlainString() + " " + tiny + " " + tiny.toPlainString()
            + " " + new BigDecimal("12345E-10").toEngineeringString() + " " + new BigDecimal("123.4500").stripTrailingZeros().toPlainString());
        System.out.println("sqrt(2, 30): " + BigDecimal.valueOf(2).sqrt(new MathContext(30)) + " pow " + new BigDecimal("1.01").pow(12)
            + " round " + new BigDecimal("123.456").round(new MathContext(4)) + " movePointLeft " + new BigDecimal("123").movePointLeft(5));
        BigDecimal money = BigDecimal.ZERO;
        for (int i = 0; i < 10; i++) money = money.add(new BigDecimal("0.10"));
        System.out.println("ten dimes: " + money + " == 1.00: " + (money.compareTo(BigDecimal.ONE) == 0) + " doubleValue " + money.doubleValue()
            + " intValueExact " + money.setScale(0, RoundingMode.UNNECESSARY).intValueExact() + " unscaled " + money.unscaledValue());
        System.out.println("BigDecimal hashCode " + new BigDecimal("3.14159").hashCode() + " negate " + new BigDecimal("3.14159").negate() + " signum " + money.signum()
            + " max " + x.max(y) + " ulp " + new BigDecimal("3.140").ulp());
    }
}
