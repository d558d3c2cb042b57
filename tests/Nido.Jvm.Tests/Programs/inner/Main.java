import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntSupplier;

// Inner, nested, local and anonymous classes: access to the outer instance and to private members in both
// directions (nestmates, no synthetic accessors since Java 11), Outer.this, inner classes of inner classes,
// outer.new Inner(), captured effectively-final locals, anonymous subclasses with constructor arguments,
// javac's binary names for them, and the nest host/members reported by reflection.
public class Main {
    private int counter = 100;
    private static String secret = "static-secret";

    private int bump(int by) { return counter += by; }

    class Inner {
        private int own = 1;

        int readOuter() { return counter + own; }

        class Deeper {
            int all() { return counter + own + bump(1); }

            Main outer() { return Main.this; }
        }
    }

    static class Nested {
        private final String tag;

        private Nested(String tag) { this.tag = tag; }

        String peek(Main m) { return tag + ":" + m.counter + ":" + secret; }
    }

    static abstract class Greeter {
        final String prefix;

        Greeter(String prefix) { this.prefix = prefix; }

        abstract String greet(String who);
    }

    class Range implements Iterable<Integer> {
        final int lo, hi;

        Range(int lo, int hi) { this.lo = lo; this.hi = hi; }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<Integer>() {
                int next = lo;

                @Override
                public boolean hasNext() { return next < hi; }

                @Override
                public Integer next() { counter++; return next++; }
            };
        }
    }

    interface Counter { int next(); }

    static Counter makeCounter(int start, int step) {
        class LocalCounter implements Counter {
            private int value = start;

            @Override
            public int next() {
                int v = value;
                value += step;
                return v;
            }
        }
        return new LocalCounter();
    }

    public static void main(String[] args) {
        Main m = new Main();
        Main.Inner in = m.new Inner();
        System.out.println("inner reads outer: " + in.readOuter());
        Main.Inner.Deeper d = in.new Deeper();
        System.out.println("deeper: " + d.all() + " counter now " + m.counter + " same outer " + (d.outer() == m));
        in.own = 5; // outer touches inner's private field
        System.out.println("after outer writes inner private: " + in.readOuter());

        Nested n = new Nested("nested"); // private constructor of a nested class
        System.out.println(n.peek(m) + " tag=" + n.tag);

        int base = 10;
        String suffix = "!";
        Greeter g = new Greeter("Hi") {
            int uses;

            @Override
            String greet(String who) {
                uses++;
                return prefix + " " + who + suffix + " (base " + base + ", use " + uses + ")";
            }
        };
        System.out.println(g.greet("Ann"));
        System.out.println(g.greet("Bob"));

        Counter c1 = makeCounter(0, 3), c2 = makeCounter(100, -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) sb.append(c1.next()).append('/').append(c2.next()).append(' ');
        System.out.println("local classes: " + sb.toString().trim());

        int sum = 0;
        for (int v : m.new Range(3, 7)) sum += v;
        System.out.println("anonymous iterator sum=" + sum + " counter=" + m.counter);

        List<IntSupplier> suppliers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final int captured = i * i;
            suppliers.add(new IntSupplier() {
                @Override
                public int getAsInt() { return captured + base; }
            });
        }
        StringBuilder s2 = new StringBuilder();
        for (IntSupplier s : suppliers) s2.append(s.getAsInt()).append(' ');
        System.out.println("captured per iteration: " + s2.toString().trim());

        System.out.println("names:");
        System.out.println("  " + Inner.class.getName() + " simple=" + Inner.class.getSimpleName());
        System.out.println("  " + Inner.Deeper.class.getName() + " enclosing=" + Inner.Deeper.class.getEnclosingClass().getSimpleName());
        System.out.println("  " + Nested.class.getName() + " member=" + Nested.class.isMemberClass());
        System.out.println("  " + g.getClass().getName() + " anonymous=" + g.getClass().isAnonymousClass()
            + " simple='" + g.getClass().getSimpleName() + "' super=" + g.getClass().getSuperclass().getSimpleName());
        System.out.println("  " + c1.getClass().getName() + " local=" + c1.getClass().isLocalClass()
            + " simple=" + c1.getClass().getSimpleName() + " enclosing method=" + c1.getClass().getEnclosingMethod().getName());
        System.out.println("  canonical of anonymous: " + g.getClass().getCanonicalName());
        System.out.println("  canonical of Deeper: " + Inner.Deeper.class.getCanonicalName());
        System.out.println("nest host of Deeper: " + Inner.Deeper.class.getNestHost().getName());
        System.out.println("Deeper nestmate of Nested: " + Inner.Deeper.class.isNestmateOf(Nested.class));
        System.out.println("Main nestmate of String: " + Main.class.isNestmateOf(String.class));
        List<String> members = new ArrayList<>();
        for (Class<?> k : Main.class.getNestMembers()) members.add(k.getName());
        members.sort(null);
        System.out.println("nest members: " + members);
    }
}
