import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

// Helpful NullPointerException messages (JEP 358) in more shapes than vm-messages: parameters after long/double
// slots, overwritten parameters, instance fields through this, nested array loads with computed indexes, merged
// control flow (no "because" part), throw/synchronized on null, interface and static-return receivers, and an
// uncaught NPE whose message is the first line of the stack trace.
public class Main {
    String name;
    Main other;
    int[][] grid;
    static Object lock;
    static Map<String, List<String>> table;

    static String show(Supplier<Object> s) {
        try {
            return String.valueOf(s.get());
        } catch (NullPointerException e) {
            return e.getMessage();
        }
    }

    static int afterWide(long a, double b, String s) { return s.length(); }
    static int overwritten(String s) { s = pick(false); return s.length(); }
    static String pick(boolean b) { return b ? "x" : null; }
    static int merged(boolean b, String x, String y) { String s = b ? x : y; return s.length(); }
    int viaThis() { return other.name.length(); }
    static int grid(Main m, int i) { return m.grid[i + 1][i]; }
    static void sync() { synchronized (lock) { System.out.println("locked"); } }
    static void throwNull() throws Exception { Exception e = null; throw e; }
    static int chained() { return table.get("k").size(); }
    static void assign(Main m) { m.other.name = "x"; }
    static char charAt(char[][] cs, int i) { return cs[i][i]; }

    public static void main(String[] args) throws Exception {
        Main m = new Main();
        System.out.println(show(() -> afterWide(1, 2, null)));
        System.out.println(show(() -> overwritten("ok")));
        System.out.println(show(() -> merged(true, null, "y")));
        System.out.println(show(() -> m.viaThis()));
        m.grid = new int[3][];
        System.out.println(show(() -> grid(m, 0)));
        System.out.println(show(() -> grid(new Main(), 0)));
        System.out.println(show(() -> { sync(); return null; }));
        try { throwNull(); } catch (NullPointerException e) { System.out.println(e.getMessage()); }
        table = Map.of();
        System.out.println(show(() -> chained()));
        System.out.println(show(() -> { assign(new Main()); return null; }));
        System.out.println(show(() -> charAt(new char[2][], 1)));
        System.out.println(show(() -> ((String) null).isEmpty()));
        System.out.println(show(() -> { Object o = null; return o.hashCode(); }));
        System.out.println(show(() -> List.of("a").get(0).substring(0).concat(null)));
        String s = args.length > 5 ? "x" : null;
        System.out.println(s.length());
    }
}
