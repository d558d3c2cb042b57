import java.util.Arrays;

// Integer/Long/Short/Byte/Character utility methods: parsing with radixes and signs and their NumberFormatException
// messages (produced by the class library), decode, toString/toHexString/toBinaryString/toOctalString,
// unsigned operations, bit twiddling (bitCount, reverse, reverseBytes, rotate, leading/trailing zeros,
// highest/lowest one bit), compare/signum/min/max/sum, and Character classification and conversion.
public class Main {
    static void parse(String s, int radix) {
        try {
            System.out.println("parseInt(\"" + s + "\", " + radix + ") = " + Integer.parseInt(s, radix));
        } catch (NumberFormatException e) {
            System.out.println("parseInt(\"" + s + "\", " + radix + ") throws " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        for (String s : new String[] {"42", "+42", "-0", "-2147483648", "2147483647", "2147483648", "", " 1", "1 ", "12a", "--1", "+", "٣٤"})
            parse(s, 10);
        parse("ff", 16);
        parse("-FF", 16);
        parse("zz", 36);
        parse("102", 2);
        parse("7fffffff", 16);
        parse("80000000", 16);
        try {
            Integer.parseInt(null);
        } catch (NumberFormatException e) {
            System.out.println("parseInt(null): " + e.getMessage());
        }
        try {
            Integer.parseInt("1", 99);
        } catch (NumberFormatException e) {
            System.out.println("radix 99: " + e.getMessage());
        }
        System.out.println("parseUnsignedInt: " + Integer.parseUnsignedInt("4294967295") + " " + Integer.toUnsignedString(Integer.parseUnsignedInt("3000000000")));
        try {
            Integer.parseUnsignedInt("-1");
        } catch (NumberFormatException e) {
            System.out.println("parseUnsignedInt(-1): " + e.getMessage());
        }
        System.out.println("parseLong: " + Long.parseLong("-9223372036854775808") + " " + Long.parseLong("7fffffffffffffff", 16) + " " + Long.parseUnsignedLong("18446744073709551615"));
        try {
            Long.parseLong("9223372036854775808");
        } catch (NumberFormatException e) {
            System.out.println("parseLong overflow: " + e.getMessage());
        }
        System.out.println("Short/Byte: " + Short.parseShort("-32768") + " " + Byte.parseByte("7f", 16) + " " + Byte.toUnsignedInt((byte) -1) + " " + Short.toUnsignedInt((short) -1));
        try {
            Byte.parseByte("128");
        } catch (NumberFormatException e) {
            System.out.println("parseByte(128): " + e.getMessage());
        }
        System.out.println("decode: " + Integer.decode("0x1F") + " " + Integer.decode("#ff") + " " + Integer.decode("010") + " " + Integer.decode("-0X10") + " " + Long.decode("0"));
        System.out.println("valueOf/parse Boolean: " + Boolean.parseBoolean("TRUE") + " " + Boolean.parseBoolean("yes") + " " + Boolean.valueOf(null));

        int[] ints = {0, 1, -1, 255, -256, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x12345678, 1 << 20};
        for (int i : ints) {
            System.out.println(i + ": hex " + Integer.toHexString(i) + " bin " + Integer.toBinaryString(i) + " oct " + Integer.toOctalString(i)
                + " r36 " + Integer.toString(i, 36) + " bitCount " + Integer.bitCount(i) + " reverse " + Integer.reverse(i)
                + " reverseBytes " + Integer.toHexString(Integer.reverseBytes(i)) + " nlz " + Integer.numberOfLeadingZeros(i)
                + " ntz " + Integer.numberOfTrailingZeros(i) + " highest " + Integer.highestOneBit(i) + " lowest " + Integer.lowestOneBit(i)
                + " rotl3 " + Integer.rotateLeft(i, 3) + " rotr3 " + Integer.rotateRight(i, 3) + " signum " + Integer.signum(i));
        }
        long[] longs = {0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0x0123456789ABCDEFL, 1L << 40};
        for (long l : longs) {
            System.out.println(l + "L: hex " + Long.toHexString(l) + " bitCount " + Long.bitCount(l) + " reverse " + Long.reverse(l)
                + " reverseBytes " + Long.toHexString(Long.reverseBytes(l)) + " nlz " + Long.numberOfLeadingZeros(l) + " ntz " + Long.numberOfTrailingZeros(l)
                + " highest " + Long.highestOneBit(l) + " rotl7 " + Long.rotateLeft(l, 7) + " unsigned " + Long.toUnsignedString(l) + " r2len " + Long.toBinaryString(l).length());
        }
        System.out.println("compare: " + Integer.compare(3, 5) + " " + Integer.compareUnsigned(-1, 1) + " " + Long.compareUnsigned(1, -1)
            + " min " + Integer.min(3, -3) + " max " + Long.max(3, 7) + " sum " + Integer.sum(2, 3) + " Short.compare " + Short.compare((short) 1, (short) -1));
        System.out.println("Integer.toString(MIN, 2): " + Integer.toString(Integer.MIN_VALUE, 2) + " " + Integer.toString(255, 16) + " " + Integer.toString(-255, 7));
        System.out.println("constants: " + Integer.SIZE + " " + Integer.BYTES + " " + Long.SIZE + " " + Character.MAX_RADIX + " " + (int) Character.MAX_VALUE + " " + Short.MIN_VALUE);
        System.out.println("Integer.getInteger(missing): " + Integer.getInteger("no.such.property") + " default " + Integer.getInteger("no.such.property", 5));

        char[] cs = {'a', 'Z', '5', ' ', '\t', '\n', '_', '$', 'é', 'ß', 'Σ', '٣', '\u2003', '\u00a0', '!', '中'};
        for (char c : cs) {
            System.out.println("U+" + String.format("%04X", (int) c) + ": letter " + Character.isLetter(c) + " digit " + Character.isDigit(c)
                + " letterOrDigit " + Character.isLetterOrDigit(c) + " alphabetic " + Character.isAlphabetic(c) + " upper " + Character.isUpperCase(c)
                + " lower " + Character.isLowerCase(c) + " whitespace " + Character.isWhitespace(c) + " spaceChar " + Character.isSpaceChar(c)
                + " javaStart " + Character.isJavaIdentifierStart(c) + " javaPart " + Character.isJavaIdentifierPart(c) + " type " + Character.getType(c)
                + " toUpper " + (int) Character.toUpperCase(c) + " toLower " + (int) Character.toLowerCase(c) + " numeric " + Character.getNumericValue(c)
                + " digit16 " + Character.digit(c, 16));
        }
        System.out.println("forDigit: " + Character.forDigit(11, 16) + Character.forDigit(5, 10) + " digit('z',36) " + Character.digit('z', 36));
        int smile = 0x1F600;
        char[] pair = Character.toChars(smile);
        System.out.println("supplementary: " + pair.length + " high " + Character.isHighSurrogate(pair[0]) + " low " + Character.isLowSurrogate(pair[1])
            + " toCodePoint " + Integer.toHexString(Character.toCodePoint(pair[0], pair[1])) + " charCount " + Character.charCount(smile)
            + " isSupplementary " + Character.isSupplementaryCodePoint(smile) + " valid " + Character.isValidCodePoint(0x110000)
            + " isLetter(U+1D400) " + Character.isLetter(0x1D400) + " toString " + Character.toString(65) + " block " + Character.UnicodeBlock.of('λ'));
        System.out.println("Character.compare/reverseBytes: " + Character.compare('a', 'b') + " " + Integer.toHexString(Character.reverseBytes('\u1234')));
        System.out.println("hashCodes: " + Integer.hashCode(-5) + " " + Long.hashCode(1L << 40) + " " + Long.hashCode(-1L) + " " + Character.hashCode('A')
            + " " + Short.hashCode((short) -1) + " " + Byte.hashCode((byte) -1) + " " + Boolean.hashCode(true) + " " + Boolean.hashCode(false)
            + " " + Double.hashCode(1.5) + " " + Float.hashCode(1.5f) + " " + Double.hashCode(-0.0) + " " + Double.hashCode(Double.NaN));
        int[] sorted = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 0};
        Integer[] boxed = Arrays.stream(sorted).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, Integer::compareUnsigned);
        System.out.println("unsigned order: " + Arrays.toString(boxed));
    }
}
