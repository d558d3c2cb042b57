import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

// Java 14-17 language features: switch expressions (arrow and yield forms, multiple labels, on int/String/enum,
// exhaustive enum switch without default), instanceof patterns with && and negation scoping, var, text blocks in
// expressions, enhanced NPE-free pattern checks on null.
public class Main {
    enum Day { MON, TUE, WED, THU, FRI, SAT, SUN }

    static int letters(Day d) {
        return switch (d) {
            case MON, FRI, SUN -> 6;
            case TUE -> 7;
            case THU, SAT -> 8;
            case WED -> 9;
        };
    }

    static String kind(int n) {
        return switch (n % 5) {
            case 0 -> "fizz-ish";
            case 1, 2 -> {
                String s = "small";
                yield s + n;
            }
            case -1, -2, -3, -4 -> "negative";
            default -> {
                if (n > 100) yield "big";
                yield "other";
            }
        };
    }

    static int oldStyleYield(String s) {
        int r = switch (s) {
            case "one":
                yield 1;
            case "two":
            case "deux":
                yield 2;
            default:
                System.out.println("  (default for " + s + ")");
                yield s.length();
        };
        return r;
    }

    static String describe(Object o) {
        if (o instanceof Integer i && i > 10) return "big int " + (i + 1);
        if (o instanceof Integer i) return "int " + i;
        if (o instanceof String s && !s.isEmpty()) return "string of " + s.length() + " starting " + s.charAt(0);
        if (o instanceof String) return "empty string";
        if (!(o instanceof List<?> list)) return "something else: " + o;
        return "list of " + list.size();
    }

    static String cls(Object o) {
        return o instanceof CharSequence cs ? "chars:" + cs.length() : o instanceof Number n ? "number:" + n.intValue() : "?";
    }

    public static void main(String[] args) {
        for (Day d : Day.values()) System.out.print(d + "=" + letters(d) + " ");
        System.out.println();
        for (int n : new int[] {0, 1, 2, 3, 7, 105, 101, -3, -10}) System.out.println("kind(" + n + ") = " + kind(n));
        for (String s : new String[] {"one", "two", "deux", "three"}) System.out.println("yield " + s + " = " + oldStyleYield(s));
        Object[] things = {5, 50, "hello", "", List.of(1, 2), 2.5, null};
        for (Object o : things) System.out.println("describe: " + describe(o));
        System.out.println("cls: " + cls("abc") + " " + cls(3.9) + " " + cls(new Object() { }));

        var list = new ArrayList<Map<String, Integer>>();
        var m = new TreeMap<String, Integer>();
        m.put("b", 2);
        m.put("a", 1);
        list.add(m);
        for (var e : list.get(0).entrySet()) System.out.print(e.getKey() + "->" + e.getValue() + " ");
        System.out.println();
        var lambdaVar = (java.util.function.IntBinaryOperator) (var x, var y) -> x * y;
        System.out.println("var in lambda params: " + lambdaVar.applyAsInt(6, 7));

        int total = 0;
        for (var d : Day.values()) {
            total += switch (d) {
                case SAT, SUN -> 0;
                default -> 8;
            };
        }
        System.out.println("working hours: " + total);
        String msg = switch (total) {
            case 40 -> """
                full
                week""";
            default -> "partial";
        };
        System.out.println(msg.replace('\n', '+'));
        Day nullDay = null;
        try {
            System.out.println(letters(nullDay));
        } catch (NullPointerException e) {
            System.out.println("switch on null enum: NullPointerException");
        }
        String nullStr = null;
        try {
            System.out.println(oldStyleYield(nullStr));
        } catch (NullPointerException e) {
            System.out.println("switch on null string: NullPointerException");
        }
        Object o = null;
        System.out.println("null instanceof String: " + (o instanceof String));
    }
}
