import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

// Generics: bounded type parameters, wildcards (PECS), generic methods with explicit type arguments, recursive
// bounds, erasure (same runtime class), bridge methods (called through the erased interface and listed by
// reflection), heap pollution detected at the checkcast javac inserts, and generic arrays.
public class Main {
    static <T extends Comparable<? super T>> T max(List<? extends T> xs) {
        T best = xs.get(0);
        for (T x : xs) if (x.compareTo(best) > 0) best = x;
        return best;
    }

    static double sum(List<? extends Number> xs) {
        double s = 0;
        for (Number n : xs) s += n.doubleValue();
        return s;
    }

    static void fill(List<? super Integer> out, int n) {
        for (int i = 0; i < n; i++) out.add(i * i);
    }

    static <A, B> List<B> map(List<A> xs, Function<? super A, ? extends B> f) {
        List<B> out = new ArrayList<>();
        for (A a : xs) out.add(f.apply(a));
        return out;
    }

    static class Box<T> {
        private T value;

        Box(T value) { this.value = value; }

        T get() { return value; }

        void set(T v) { value = v; }

        <R> Box<R> map(Function<? super T, ? extends R> f) { return new Box<>(f.apply(value)); }

        @Override
        public String toString() { return "Box(" + value + ")"; }
    }

    static class NumberBox<N extends Number> extends Box<N> {
        NumberBox(N n) { super(n); }

        long twice() { return get().longValue() * 2; }

        @Override
        N get() { return super.get(); }
    }

    static class Version implements Comparable<Version> {
        final int major, minor;

        Version(int major, int minor) { this.major = major; this.minor = minor; }

        @Override
        public int compareTo(Version o) { // javac adds the bridge compareTo(Object)
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }

        @Override
        public String toString() { return major + "." + minor; }
    }

    interface Transformer<T> { T transform(T t); }

    static class Upper implements Transformer<String> {
        @Override
        public String transform(String s) { return s.toUpperCase(); }
    }

    static abstract class Builder<B extends Builder<B>> {
        final StringBuilder parts = new StringBuilder();

        @SuppressWarnings("unchecked")
        B add(String p) { parts.append(p).append(';'); return (B) this; }
    }

    static class PizzaBuilder extends Builder<PizzaBuilder> {
        PizzaBuilder cheese() { return add("cheese"); }

        String build() { return "pizza[" + parts + "]"; }
    }

    static class Pair<K extends Comparable<K>, V> {
        final K k;
        final V v;

        Pair(K k, V v) { this.k = k; this.v = v; }

        static <K extends Comparable<K>, V> Comparator<Pair<K, V>> byKey() { return (a, b) -> a.k.compareTo(b.k); }

        @Override
        public String toString() { return k + "=" + v; }
    }

    @SafeVarargs
    static <T> T[] arrayOf(T... xs) { return xs; }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        System.out.println("max ints: " + max(Arrays.asList(3, 9, 2)));
        System.out.println("max strings: " + max(List.of("pear", "apple", "zebra", "mango")));
        System.out.println("max versions: " + max(List.of(new Version(1, 10), new Version(2, 1), new Version(1, 99))));
        System.out.println("sum mixed numbers: " + sum(List.of(1, 2.5, 3L, (short) 4)));
        List<Number> sink = new ArrayList<>();
        fill(sink, 5);
        System.out.println("filled super-bounded: " + sink);
        System.out.println("map lengths: " + map(List.of("a", "bb", "ccc"), String::length));
        System.out.println("explicit type argument: " + Main.<String, Integer>map(List.of("x"), s -> s.charAt(0) + 0));

        Box<String> bs = new Box<>("hello");
        Box<Integer> bl = bs.map(String::length);
        System.out.println(bs + " -> " + bl + " same class " + (bs.getClass() == bl.getClass()));
        NumberBox<Long> nb = new NumberBox<>(21L);
        System.out.println("bounded box twice: " + nb.twice());

        Comparable raw = new Version(1, 2);
        System.out.println("through raw Comparable (bridge): " + raw.compareTo(new Version(1, 3)));
        try {
            raw.compareTo("not a version");
        } catch (ClassCastException e) {
            System.out.println("bridge checkcast fails: " + e.getClass().getSimpleName());
        }
        Transformer t = new Upper();
        System.out.println("bridge transform: " + t.transform("shout"));
        List<String> bridges = new ArrayList<>();
        for (Method m : Version.class.getDeclaredMethods())
            if (m.getName().equals("compareTo"))
                bridges.add(m.getParameterTypes()[0].getSimpleName() + (m.isBridge() ? " bridge" : "") + (m.isSynthetic() ? " synthetic" : ""));
        bridges.sort(null);
        System.out.println("compareTo methods: " + bridges);
        List<String> upperMethods = new ArrayList<>();
        for (Method m : Upper.class.getDeclaredMethods())
            upperMethods.add(m.getReturnType().getSimpleName() + " " + m.getName() + "(" + m.getParameterTypes()[0].getSimpleName() + ")" + (m.isBridge() ? " bridge" : ""));
        upperMethods.sort(null);
        System.out.println("Upper methods: " + upperMethods);
        Method getter = NumberBox.class.getDeclaredMethod("get");
        System.out.println("NumberBox.get returns " + getter.getReturnType().getSimpleName() + ", generic " + getter.getGenericReturnType());

        List<String> strings = new ArrayList<>();
        List rawList = strings;
        rawList.add(42); // heap pollution: no check here
        System.out.println("polluted size: " + strings.size());
        try {
            String s = strings.get(0); // checkcast inserted by javac fails
            System.out.println("unexpected " + s);
        } catch (ClassCastException e) {
            System.out.println("heap pollution caught at use: " + e.getClass().getSimpleName());
        }
        Object o = strings.get(0); // no checkcast needed for Object
        System.out.println("read as Object: " + o);

        System.out.println(new PizzaBuilder().add("base").cheese().add("olives").build());
        List<Pair<String, Integer>> pairs = new ArrayList<>(List.of(new Pair<>("b", 2), new Pair<>("c", 3), new Pair<>("a", 1)));
        pairs.sort(Pair.byKey());
        System.out.println("pairs by key: " + pairs);
        String[] arr = arrayOf("x", "y");
        System.out.println("generic varargs array class: " + arr.getClass().getSimpleName() + " " + Arrays.toString(arr));
        Integer[] ints = arrayOf(1, 2, 3);
        System.out.println("Integer varargs: " + ints.getClass().getSimpleName() + " " + ints.length);
        List<?>[] lists = new List<?>[] {List.of(1), List.of("a", "b")};
        System.out.println("wildcard array: " + Arrays.toString(lists));
        System.out.println("type parameters of Pair: " + Arrays.toString(Pair.class.getTypeParameters())
            + " bound " + Arrays.toString(Pair.class.getTypeParameters()[0].getBounds()));
    }
}
