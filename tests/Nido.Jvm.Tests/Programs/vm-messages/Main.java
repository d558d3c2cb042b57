import java.util.ArrayList;
import java.util.List;

// Messages the JVM itself composes (not the class library): helpful NullPointerException messages (JEP 358, on
// by default in 17), array index and negative size messages, ClassCastException and ArrayStoreException texts,
// "/ by zero", arraycopy bounds, NoClassDefFoundError after a failed initialiser, and the toString of the
// exception objects. A drop-in JVM must reproduce HotSpot's wording.
public class Main {
    static int zero = 0;
    static int minus = -3;
    String field;
    int[] numbers;
    Main next;

    static class Broken {
        static int v = 10 / zero;
    }

    static String message(Runnable r) {
        try {
            r.run();
            return "no exception";
        } catch (Throwable t) {
            return t.getClass().getName() + ": " + t.getMessage();
        }
    }

    static String staticField;
    static Main staticMain;

    static String nothing() { return null; }

    static void direct() {
        String local = nothing();
        long[] longs = null;
        try {
            System.out.println(local.trim());
        } catch (NullPointerException e) {
            System.out.println(e.getMessage());
        }
        try {
            System.out.println(staticField.length());
        } catch (NullPointerException e) {
            System.out.println(e.getMessage());
        }
        try {
            System.out.println(staticMain.numbers.length);
        } catch (NullPointerException e) {
            System.out.println(e.getMessage());
        }
        try {
            System.out.println(nothing().length());
        } catch (NullPointerException e) {
            System.out.println(e.getMessage());
        }
        try {
            longs[0]++;
        } catch (NullPointerException e) {
            System.out.println(e.getMessage());
        }
        try {
            Main m = new Main();
            m.next = new Main();
            System.out.println(m.next.next.numbers[0]);
        } catch (NullPointerException e) {
            System.out.println(e.getMessage());
        }
        NullPointerException explicit = new NullPointerException();
        System.out.println("explicitly constructed NPE message: " + explicit.getMessage());
        System.out.println("NPE with message: " + new NullPointerException("mine").getMessage());
    }

    public static void main(String[] args) {
        Main m = new Main();
        String nullString = null;
        int[] nullArray = null;
        Object[][] nested = new Object[2][];
        List<String> list = null;
        List<String> out = new ArrayList<>();
        out.add(message(() -> System.out.println(nullString.length())));
        out.add(message(() -> System.out.println(m.field.isEmpty())));
        out.add(message(() -> System.out.println(m.next.field)));
        out.add(message(() -> m.next.field = "x"));
        out.add(message(() -> System.out.println(nullArray[0])));
        out.add(message(() -> nullArray[1] = 5));
        out.add(message(() -> System.out.println(nullArray.length)));
        out.add(message(() -> System.out.println(m.numbers[2])));
        out.add(message(() -> System.out.println(nested[1][0])));
        out.add(message(() -> System.out.println(list.size())));
        out.add(message(() -> { throw null; }));
        out.add(message(() -> { synchronized (nullString) { System.out.println("locked"); } }));
        out.add(message(() -> { Integer i = null; int j = i; System.out.println(j); }));
        out.add(message(() -> System.out.println(new int[3][minus])));
        out.add(message(() -> System.out.println(new int[minus])));
        out.add(message(() -> System.out.println(new int[2][zero + 3][minus].length)));
        out.add(message(() -> System.out.println(new String[minus][0].length)));
        int[] three = new int[3];
        out.add(message(() -> System.out.println(three[3])));
        out.add(message(() -> System.out.println(three[minus])));
        out.add(message(() -> "abc".toCharArray()[10] = 'x'));
        out.add(message(() -> System.out.println(10 / zero)));
        out.add(message(() -> System.out.println(10L % zero)));
        out.add(message(() -> { Object o = "string"; System.out.println((Integer) o); }));
        out.add(message(() -> { Object o = new int[1]; System.out.println((Object[]) o); }));
        out.add(message(() -> { Object o = new Main(); System.out.println((Runnable) o); }));
        out.add(message(() -> { Object[] arr = new String[1]; arr[0] = 1; }));
        out.add(message(() -> { Object[] arr = new Integer[1][]; arr[0] = new int[0]; }));
        out.add(message(() -> System.arraycopy(new int[5], 3, new int[5], 0, 3)));
        out.add(message(() -> System.arraycopy(new int[5], 0, new int[2], 0, 3)));
        out.add(message(() -> System.arraycopy(new int[5], -1, new int[5], 0, 1)));
        out.add(message(() -> System.arraycopy(new int[5], 0, new int[5], 0, minus)));
        out.add(message(() -> System.arraycopy(new int[1], 0, new long[1], 0, 1)));
        out.add(message(() -> System.arraycopy(new Object[] {"a", 1}, 0, new String[2], 0, 2)));
        out.add(message(() -> System.arraycopy("not an array", 0, new int[1], 0, 1)));
        out.add(message(() -> System.out.println(Broken.v)));
        out.add(message(() -> System.out.println(Broken.v)));
        for (String s : out) System.out.println(s);
        direct();
        try {
            System.out.println(Broken.v);
        } catch (NoClassDefFoundError e) {
            System.out.println("toString: " + e + " | cause: " + e.getCause());
        }
    }
}
