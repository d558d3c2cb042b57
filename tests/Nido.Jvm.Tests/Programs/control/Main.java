// Control flow: dense and sparse int switches with fall-through, string switches (including hash collisions),
// enum switches, char switches, labelled break/continue, loops of every kind, ternaries, short-circuit evaluation.
public class Main {
    enum Color { RED, GREEN, BLUE, YELLOW }

    static String dense(int i) {
        String r = "";
        switch (i) {
            case 0: r += "zero "; // falls through
            case 1: r += "one "; break;
            case 2: r += "two "; // falls through
            case 3: r += "three "; break;
            case 4: return "four";
            case 5: r += "five "; // falls through
            default: r += "default";
        }
        return r;
    }

    static String sparse(int i) {
        switch (i) {
            case -1000000: return "minus million";
            case -1: return "minus one";
            case 7: return "seven";
            case 1000: return "thousand";
            case Integer.MAX_VALUE: return "max";
            case Integer.MIN_VALUE: return "min";
            default: return "other(" + i + ")";
        }
    }

    static String str(String s) {
        switch (s) {
            case "Aa": return "Aa branch";
            case "BB": return "BB branch"; // same hashCode as "Aa"
            case "hello": return "greeting";
            case "": return "empty";
            default: return "unknown " + s;
        }
    }

    static String color(Color c) {
        switch (c) {
            case RED: return "warm";
            case BLUE:
            case GREEN: return "cool";
            default: return "other " + c.name().toLowerCase();
        }
    }

    static int vowels(String s) {
        int n = 0;
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case 'a': case 'e': case 'i': case 'o': case 'u': n++; break;
                case 'A': case 'E': case 'I': case 'O': case 'U': n += 10; break;
                default: break;
            }
        }
        return n;
    }

    static String classify(int n) {
        return n < 0 ? "negative" : n == 0 ? "zero" : n < 10 ? "small" : n < 100 ? "medium" : "large";
    }

    static int calls;
    static boolean t(String name) { calls++; System.out.print(name + " "); return true; }
    static boolean f(String name) { calls++; System.out.print(name + " "); return false; }

    public static void main(String[] args) {
        for (int i = -1; i <= 7; i++) System.out.println("dense(" + i + ") = " + dense(i));
        int[] probes = {-1000000, -1, 0, 7, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE, 999};
        for (int p : probes) System.out.println("sparse = " + sparse(p));
        for (String s : new String[] {"Aa", "BB", "hello", "", "C#", "AaAa", "BBBB"}) System.out.println("str = " + str(s));
        System.out.println("\"Aa\".hashCode() == \"BB\".hashCode(): " + ("Aa".hashCode() == "BB".hashCode()));
        for (Color c : Color.values()) System.out.println(c + " is " + color(c));
        System.out.println("vowels = " + vowels("An Example Of Input text"));

        // labelled break and continue
        outer:
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                if (j == 3) continue outer;
                if (i == 3) break outer;
                System.out.print("(" + i + "," + j + ")");
            }
        }
        System.out.println();
        int found = -1;
        search:
        {
            for (int i = 0; i < 100; i++) {
                if (i * i > 200) { found = i; break search; }
            }
            System.out.println("not reached");
        }
        System.out.println("first i with i*i>200: " + found);

        // loops
        int n = 0;
        while (n < 5) n += 2;
        System.out.println("while: " + n);
        do { n--; } while (n > 10);
        System.out.println("do-while runs once: " + n);
        int sum = 0;
        for (int i = 0, j = 10; i < j; i++, j--) sum += i * j;
        System.out.println("two-variable for: " + sum);
        int count = 0;
        for (;;) { if (++count == 7) break; }
        System.out.println("infinite for with break: " + count);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i % 3 == 0) continue;
            if (i > 14) break;
            sb.append(i).append(' ');
        }
        System.out.println("continue/break: " + sb.toString().trim());
        int[][] grid = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        int diag = 0;
        for (int[] row : grid) for (int v : row) if (v % 4 == 1) diag += v;
        System.out.println("foreach nested: " + diag);
        java.util.List<String> names = java.util.List.of("ann", "bob", "cy");
        for (String name : names) System.out.print(name.toUpperCase() + ";");
        System.out.println();

        // ternaries
        for (int v : new int[] {-5, 0, 3, 42, 1000}) System.out.println(v + " -> " + classify(v));
        Object o = n > 0 ? "string" : Integer.valueOf(1);
        System.out.println("mixed ternary: " + o);
        long lt = n > 0 ? 1 : 2L;
        System.out.println("ternary widened: " + lt);

        // short-circuit
        calls = 0;
        boolean r1 = f("a") && t("b");
        boolean r2 = t("c") || f("d");
        boolean r3 = f("e") & t("f");
        boolean r4 = t("g") | f("h");
        boolean r5 = f("i") || t("j") && f("k");
        System.out.println();
        System.out.println("results " + r1 + " " + r2 + " " + r3 + " " + r4 + " " + r5 + " calls=" + calls);

        // switch on byte/short/char wrappers and strings in loops
        Integer boxed = 3;
        switch (boxed) {
            case 3: System.out.println("boxed switch 3"); break;
            default: System.out.println("boxed switch default");
        }
        byte by = -2;
        switch (by) {
            case -2: System.out.println("byte -2"); break;
            default: System.out.println("byte default");
        }
        int acc = 0;
        for (int i = 0; i < 300; i++) {
            switch (i % 7) {
                case 0: acc += 1; break;
                case 1: acc += 10;
                case 2: acc += 100; break;
                case 6: acc -= 3; break;
                default: acc ^= i;
            }
        }
        System.out.println("switch loop acc = " + acc);
    }
}
