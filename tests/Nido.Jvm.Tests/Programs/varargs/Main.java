import java.util.Arrays;
import java.util.List;

// Varargs: zero/one/many arguments, an array passed directly, null, primitive and reference varargs, varargs after
// fixed parameters, varargs constructors, Arrays.asList and String.format forwarding.
public class Main {
    static int sum(int... xs) {
        int s = 0;
        for (int x : xs) s += x;
        return s;
    }

    static String describe(String label, Object... xs) {
        if (xs == null) return label + ": null array";
        return label + ": " + xs.length + " " + Arrays.deepToString(xs) + " " + xs.getClass().getSimpleName();
    }

    static String longs(long first, long... rest) { return first + "+" + Arrays.toString(rest); }

    static String chars(char... cs) { return new String(cs); }

    @SafeVarargs
    static <T> int count(T... ts) { return ts.length; }

    static class Tags {
        final List<String> tags;

        Tags(String... tags) { this.tags = Arrays.asList(tags); }
    }

    static String fmt(String f, Object... args) { return String.format(f, args); }

    public static void main(String[] args) {
        System.out.println("sum() = " + sum());
        System.out.println("sum(5) = " + sum(5));
        System.out.println("sum(1,2,3,4) = " + sum(1, 2, 3, 4));
        System.out.println("sum(array) = " + sum(new int[] {10, 20}));
        short s = 7;
        byte b = 8;
        char c = 'A';
        System.out.println("sum(widened) = " + sum(s, b, c));
        System.out.println(describe("none"));
        System.out.println(describe("one", "a"));
        System.out.println(describe("mixed", 1, "two", 3.0, 'c', null, true));
        System.out.println(describe("null cast to array", (Object[]) null));
        System.out.println(describe("null as element", (Object) null));
        System.out.println(describe("String[] passed as Object[]", (Object[]) new String[] {"x", "y"}));
        System.out.println(describe("String[] as one element", (Object) new String[] {"x", "y"}));
        System.out.println(describe("int[] is one element", new int[] {1, 2}));
        System.out.println("longs: " + longs(1) + " " + longs(1, 2, 3) + " " + longs(1, 'x'));
        System.out.println("chars: " + chars('h', 'i') + chars());
        System.out.println("generic count: " + count() + " " + count("a", "b") + " " + count(1, 2.0, "3"));
        System.out.println("varargs constructor: " + new Tags("red", "green").tags + " " + new Tags().tags);
        System.out.println("forwarding: " + fmt("%s-%d-%s", "a", 1, List.of(2)));
        List<Integer> fixed = Arrays.asList(3, 1, 2);
        System.out.println("asList: " + fixed + " size " + fixed.size());
        List<int[]> oneArray = Arrays.asList(new int[] {1, 2, 3});
        System.out.println("asList(int[]) size " + oneArray.size());
        System.out.println("max: " + Math.max(1, 2) + " " + String.join("|", "a", "b", "c"));
        System.out.println("List.of varargs: " + List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    }
}
