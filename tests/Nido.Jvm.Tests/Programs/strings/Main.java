import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

// Strings: concatenation with every primitive type, null and objects (invokedynamic StringConcatFactory), constant
// folding vs runtime concatenation and interning, StringBuilder operations, the common String methods, text blocks.
public class Main {
    static int zero = 0;

    static class Thing {
        @Override
        public String toString() { return "Thing!"; }
    }

    public static void main(String[] args) {
        concatenation();
        identity();
        builder();
        methods();
        textBlocks();
    }

    static void concatenation() {
        byte b = -5;
        short s = 300;
        char c = 'q';
        int i = -42;
        long l = 1L << 40;
        float f = 1.25f;
        double d = -0.1;
        boolean bo = true;
        String n = null;
        Object o = new Thing();
        Object on = null;
        System.out.println("all: " + b + "|" + s + "|" + c + "|" + i + "|" + l + "|" + f + "|" + d + "|" + bo + "|" + n + "|" + o + "|" + on);
        System.out.println(1 + 2 + "3" + 4 + 5);
        System.out.println('a' + 'b' + "c");
        System.out.println("c" + 'a' + 'b');
        System.out.println("" + (char) (c + 1) + (c + 1));
        System.out.println("doubles: " + 1e10 + " " + 1e-5 + " " + 100.0 + " " + 1e7 + " " + 1234567.0 + " " + 0.001 + " " + 1e21 + " " + (d * 3));
        System.out.println("floats: " + 1.1f + " " + (f / 3) + " " + 1e10f + " " + 3e-5f + " " + Float.MIN_VALUE + " " + Float.MAX_VALUE);
        System.out.println("special: " + (0.0 / zero) + " " + (1.0 / zero) + " " + (-1.0f / zero) + " " + (-0.0 + zero * 0.0) + " " + -0.0f);
        System.out.println("min/max: " + Long.MIN_VALUE + " " + Integer.MIN_VALUE + " " + Double.MIN_VALUE + " " + Double.MAX_VALUE);
        String acc = "";
        for (int k = 0; k < 5; k++) acc += k;
        System.out.println("loop concat: " + acc);
        String x = "x";
        x += 1 + 1;
        x += 'y';
        x += null;
        System.out.println("compound: " + x);
        char[] cs = {'a', 'b'};
        System.out.println("String.valueOf(char[]) " + String.valueOf(cs) + " " + String.valueOf(3.0f) + " " + String.valueOf(true) + String.valueOf((Object) null));
        StringBuilder many = new StringBuilder();
        System.out.println("many args: " + b + s + c + i + l + f + d + bo + n + o + b + s + c + i + l + f + d + bo + n + o + many.append("sb"));
    }

    static void identity() {
        String a = "hello";
        String b = "hel" + "lo"; // folded by javac
        String part = "hel";
        String c = part + "lo"; // runtime
        final String fpart = "hel";
        String d = fpart + "lo"; // constant variable: folded
        System.out.println("literal == folded: " + (a == b));
        System.out.println("literal == runtime: " + (a == c));
        System.out.println("literal == final-folded: " + (a == d));
        System.out.println("literal == runtime.intern(): " + (a == c.intern()));
        System.out.println("equals: " + a.equals(c) + " contentEquals: " + a.contentEquals(new StringBuilder("hello")));
        System.out.println("new String != literal: " + (new String("hello") != a));
        System.out.println("Main.class literal shared with other class: " + (a == Other.HELLO));
    }

    static class Other {
        static final String HELLO = "hello";
    }

    static void builder() {
        StringBuilder sb = new StringBuilder();
        sb.append(1).append('-').append(2L).append(3.5f).append(4.25).append(true).append((String) null).append(new char[] {'x', 'y'})
          .append("abcdef", 1, 3).append((Object) "obj");
        System.out.println("append: " + sb + " length " + sb.length());
        sb.insert(0, "[").insert(sb.length(), ']').insert(3, 99);
        System.out.println("insert: " + sb);
        sb.replace(1, 4, "R");
        System.out.println("replace: " + sb);
        sb.delete(0, 2).deleteCharAt(sb.length() - 1);
        System.out.println("delete: " + sb);
        sb.setCharAt(0, 'Z');
        System.out.println("setCharAt: " + sb + " indexOf(true)=" + sb.indexOf("true") + " lastIndexOf(l)=" + sb.lastIndexOf("l") + " charAt(2)=" + sb.charAt(2));
        sb.setLength(5);
        System.out.println("setLength 5: " + sb);
        sb.setLength(7);
        System.out.println("setLength 7 pads with NUL: " + sb.toString().replace('\0', '0'));
        System.out.println("reverse: " + new StringBuilder("stressed").reverse() + " " + new StringBuilder("a\uD83D\uDE00b").reverse().codePointAt(1));
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 1000; i++) big.append(i % 10);
        System.out.println("big: " + big.length() + " " + big.substring(995) + " " + big.chars().sum());
        StringBuffer sbuf = new StringBuffer("buffer");
        sbuf.append(1).reverse();
        System.out.println("StringBuffer: " + sbuf);
        System.out.println("compareTo: " + new StringBuilder("abc").compareTo(new StringBuilder("abd")));
    }

    static void methods() {
        String s = "  Hello, World  ";
        System.out.println("trim [" + s.trim() + "] strip [" + s.strip() + "] stripLeading [" + s.stripLeading() + "] stripTrailing [" + s.stripTrailing() + "]");
        String em = "\u2003em space\u2003";
        System.out.println("trim keeps em space: " + em.trim().length() + ", strip removes: " + em.strip().length());
        System.out.println("isBlank: " + "  \t\n".isBlank() + " " + " x ".isBlank() + " isEmpty: " + "".isEmpty());
        System.out.println("split: " + Arrays.toString("a,b,,c,,".split(",")) + " " + Arrays.toString("a,b,,c,,".split(",", -1))
            + " " + Arrays.toString("a,b,,c,,".split(",", 2)) + " " + Arrays.toString(",a".split(",")) + " " + Arrays.toString("".split(",")));
        System.out.println("split regex: " + Arrays.toString("one  two\tthree".split("\\s+")) + " " + Arrays.toString("a1b22c333".split("\\d+"))
            + " " + Arrays.toString("a.b.c".split("\\.")) + " " + Arrays.toString("abc".split("")));
        System.out.println("join: " + String.join("-", "a", "b", "c") + " " + String.join(", ", java.util.List.of("x", "y")));
        System.out.println("repeat: " + "ab".repeat(3) + "|" + "x".repeat(0) + "|");
        System.out.println("chars: " + "abc".chars().mapToObj(Integer::toString).collect(Collectors.joining(",")) + " sum " + "hello".chars().sum());
        System.out.println("substring: " + "hamburger".substring(4, 8) + " " + "smiles".substring(1, 5) + " " + "unhappy".substring(2));
        System.out.println("indexOf: " + "banana".indexOf('a') + " " + "banana".indexOf("an", 2) + " " + "banana".lastIndexOf("an") + " " + "banana".indexOf("x"));
        System.out.println("replace: " + "banana".replace('a', 'o') + " " + "banana".replace("an", "AN") + " " + "a.b.c".replaceAll(".", "x")
            + " " + "2024-01-15".replaceAll("(\\d+)-(\\d+)-(\\d+)", "$3/$2/$1") + " " + "aaa".replaceFirst("a", "b"));
        System.out.println("matches: " + "abc123".matches("[a-z]+\\d+") + " " + "abc".matches("b"));
        System.out.println("case: " + "MiXeD".toUpperCase(Locale.ROOT) + " " + "MiXeD".toLowerCase(Locale.ROOT) + " " + "straße".toUpperCase(Locale.ROOT));
        System.out.println("compare: " + "apple".compareTo("banana") + " " + "b".compareTo("a") + " " + "abc".compareTo("abcd") + " "
            + "ABC".compareToIgnoreCase("abd") + " " + "Hello".equalsIgnoreCase("hELLO"));
        System.out.println("starts/ends/contains: " + "prefix-body".startsWith("pre") + " " + "prefix-body".startsWith("body", 7) + " "
            + "file.txt".endsWith(".txt") + " " + "haystack".contains("st"));
        System.out.println("charAt: " + "hello".charAt(1) + " codePointAt: " + "hello".codePointAt(0));
        try {
            "abc".charAt(5);
        } catch (StringIndexOutOfBoundsException e) {
            System.out.println("charAt(5): " + e.getClass().getSimpleName());
        }
        try {
            "abc".substring(2, 1);
        } catch (StringIndexOutOfBoundsException e) {
            System.out.println("substring(2,1): " + e.getMessage());
        }
        System.out.println("lines: " + "a\nb\r\nc\n".lines().collect(Collectors.toList()) + " count " + "x\ny".lines().count());
        System.out.println("toCharArray: " + Arrays.toString("xyz".toCharArray()) + " valueOf: " + new String(new char[] {'a', 'b', 'c', 'd'}, 1, 2));
        System.out.println("getBytes: " + Arrays.toString("hé".getBytes(StandardCharsets.UTF_8)) + " " + Arrays.toString("hé".getBytes(StandardCharsets.ISO_8859_1)));
        System.out.println("new String(bytes): " + new String(new byte[] {72, 105}, StandardCharsets.US_ASCII));
        System.out.println("hashCode: " + "hello".hashCode() + " " + "".hashCode() + " " + "The quick brown fox".hashCode());
        System.out.println("indent: [" + "a\n  b".indent(2).replace("\n", "\\n") + "] stripIndent: [" + "   x\n    y".stripIndent().replace("\n", "\\n") + "]");
        System.out.println("translateEscapes: " + "tab\\there".translateEscapes().replace("\t", "<TAB>"));
        System.out.println("formatted: " + "%s=%d".formatted("k", 5));
        System.out.println("concat/valueOf: " + "a".concat("b") + String.valueOf(12) + String.valueOf('c') + String.valueOf(2.5));
        System.out.println("regionMatches: " + "Hello World".regionMatches(true, 6, "WORLD", 0, 5));
        System.out.println("codePoints: " + "a\uD83D\uDE00".codePoints().count() + " length " + "a\uD83D\uDE00".length());
    }

    static void textBlocks() {
        String json = """
            {
              "name": "nido",
              "tags": ["jvm", "c#"]
            }
            """;
        System.out.print(json);
        String noTrailingNewline = """
            one
              two\
             continued
            three\s
            quote: \"""
            end""";
        System.out.println(noTrailingNewline.replace(" ", "."));
        System.out.println("text block lines: " + json.lines().count() + " length " + json.length());
    }
}
