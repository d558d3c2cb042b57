import java.util.*;

// hashCode values the Java platform specifies (or HotSpot's class library computes deterministically):
// String.hashCode, Objects.hash/hashCode, Arrays.hashCode, List/Set/Map/Map.Entry hashCode contracts, wrapper
// hashCodes, Optional, records of ints and Strings, and the HashMap bucket order that follows from them.
public class Main {
    record Pt(int x, int y) { }

    record Named(String name, int n) { }

    public static void main(String[] args) {
        String[] strings = {"", "a", "A", "hello", "Hello", "hello world", "Aa", "BB", "polygenelubricants", "ünïcödé", "\uD83D\uDE00",
            "The quick brown fox jumps over the lazy dog", "x".repeat(1000)};
        for (String s : strings) System.out.println("\"" + (s.length() > 40 ? s.substring(0, 10) + "..." : s) + "\".hashCode() = " + s.hashCode());
        StringBuilder computed = new StringBuilder();
        for (int i = 0; i < 200; i++) computed.append((char) ('a' + i % 26));
        System.out.println("built string hash " + computed.toString().hashCode() + " equals literal-equivalent " + (computed.toString().hashCode() == new String(computed).hashCode()));
        System.out.println("Objects.hash(1, \"a\", null) = " + Objects.hash(1, "a", null) + ", Objects.hash() = " + Objects.hash()
            + ", Objects.hashCode(null) = " + Objects.hashCode(null) + ", Objects.hash(\"x\") = " + Objects.hash("x"));
        System.out.println("Arrays.hashCode: int[] " + Arrays.hashCode(new int[] {1, 2, 3}) + " long[] " + Arrays.hashCode(new long[] {1L << 33, -1})
            + " double[] " + Arrays.hashCode(new double[] {1.5, -0.0}) + " boolean[] " + Arrays.hashCode(new boolean[] {true, false})
            + " char[] " + Arrays.hashCode("abc".toCharArray()) + " Object[] " + Arrays.hashCode(new Object[] {"a", 1, null}) + " null " + Arrays.hashCode((int[]) null));
        System.out.println("List.of(1,2,3) " + List.of(1, 2, 3).hashCode() + " ArrayList " + new ArrayList<>(List.of(1, 2, 3)).hashCode()
            + " empty " + List.of().hashCode() + " Set.of(1,2,3) " + Set.of(1, 2, 3).hashCode() + " HashSet " + new HashSet<>(List.of("a", "b")).hashCode());
        Map<String, Integer> m = new HashMap<>();
        m.put("one", 1);
        m.put("two", 2);
        System.out.println("Map hash " + m.hashCode() + " Entry hash " + Map.entry("one", 1).hashCode() + " = " + ("one".hashCode() ^ 1)
            + " TreeMap same " + (new TreeMap<>(m).hashCode() == m.hashCode()));
        System.out.println("wrappers: " + Integer.valueOf(-7).hashCode() + " " + Long.valueOf(5_000_000_000L).hashCode() + " " + Double.valueOf(0.1).hashCode()
            + " " + Float.valueOf(0.1f).hashCode() + " " + Boolean.TRUE.hashCode() + " " + Character.valueOf('z').hashCode() + " " + Byte.valueOf((byte) -3).hashCode());
        System.out.println("Optional: " + Optional.of("v").hashCode() + " empty " + Optional.empty().hashCode());
        System.out.println("records: " + new Pt(1, 2).hashCode() + " " + new Pt(2, 1).hashCode() + " " + new Pt(-1, -1).hashCode()
            + " " + new Named("ann", 3).hashCode() + " " + new Named(null, 0).hashCode());
        System.out.println("BigInteger " + new java.math.BigInteger("123456789012345678901234567890").hashCode() + " BigDecimal " + new java.math.BigDecimal("1.50").hashCode()
            + " UUID " + new UUID(1L, 2L).hashCode());
        Set<Pt> points = new HashSet<>();
        for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) points.add(new Pt(i, j));
        System.out.println("HashSet<record> order: " + points);
        Map<String, Integer> words = new HashMap<>();
        for (String w : "zeta alpha mu beta omega gamma pi delta rho epsilon sigma tau".split(" ")) words.put(w, w.length());
        System.out.println("HashMap<String> order: " + words.keySet());
        Set<Long> longs = new HashSet<>(List.of(1L, 1L << 32, -1L, 17L, 1L << 40, 123456789L));
        System.out.println("HashSet<Long> order: " + longs);
        Set<Character> chars = new HashSet<>();
        for (char c : "hashset of characters".toCharArray()) chars.add(c);
        System.out.println("HashSet<Character> order: " + chars);
    }
}
