import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.*;

// Lambdas (invokedynamic + LambdaMetafactory): method references of all four kinds (static, bound receiver,
// unbound receiver, constructor incl. array constructor), capture of locals/this/fields, Function composition,
// Predicate/Consumer/Supplier combinators, currying, recursion through a field, custom @FunctionalInterface with
// default methods, Runnable/Callable, and lambdas vs anonymous classes for `this`.
public class Main {
    @FunctionalInterface
    interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);

        default <V> TriFunction<A, B, C, V> andThen(Function<? super R, ? extends V> after) {
            return (a, b, c) -> after.apply(apply(a, b, c));
        }
    }

    @FunctionalInterface
    interface IntOp {
        int op(int x);

        static IntOp twice(IntOp f) { return x -> f.op(f.op(x)); }
    }

    private final String name;
    private int calls;

    Main(String name) { this.name = name; }

    String greet(String who) {
        calls++;
        return name + " greets " + who;
    }

    static int square(int x) { return x * x; }

    static UnaryOperator<Integer> factorial;

    Supplier<String> selfDescriber() {
        return () -> "lambda this=" + this.name + " calls=" + calls;
    }

    Supplier<String> anonDescriber() {
        return new Supplier<String>() {
            @Override
            public String get() { return "anonymous this is Main? " + (Object) this.getClass().getEnclosingClass().getSimpleName(); }
        };
    }

    public static void main(String[] args) throws Exception {
        // the four kinds of method references
        Function<String, Integer> parse = Integer::parseInt;            // static
        Main m = new Main("nido");
        Function<String, String> bound = m::greet;                     // bound receiver
        Function<String, Integer> unbound = String::length;            // unbound receiver
        BiFunction<String, String, Boolean> unbound2 = String::startsWith;
        Supplier<List<String>> ctor = ArrayList::new;                  // constructor
        Function<String, StringBuilder> ctor1 = StringBuilder::new;
        IntFunction<int[]> arrayCtor = int[]::new;
        System.out.println("static: " + parse.apply("123") + " bound: " + bound.apply("you") + " unbound: " + unbound.apply("four")
            + " " + unbound2.apply("prefix", "pre"));
        List<String> made = ctor.get();
        made.add("x");
        System.out.println("constructor: " + made + " " + ctor1.apply("sb").reverse() + " array length " + arrayCtor.apply(5).length);
        IntUnaryOperator sq = Main::square;
        System.out.println("static to primitive interface: " + sq.applyAsInt(12));
        Consumer<Object> printer = System.out::println;
        printer.accept("bound System.out::println");

        // composition
        Function<Integer, Integer> plus2 = x -> x + 2, times3 = x -> x * 3;
        System.out.println("andThen: " + plus2.andThen(times3).apply(4) + " compose: " + plus2.compose(times3).apply(4)
            + " identity: " + Function.<Integer>identity().apply(9));
        Predicate<String> empty = String::isEmpty, longish = s -> s.length() > 3;
        System.out.println("predicates: " + empty.negate().and(longish).test("hello") + " " + empty.or(longish).test("ab")
            + " " + Predicate.not(empty).test("") + " " + Predicate.isEqual("a").test("a"));
        StringBuilder log = new StringBuilder();
        Consumer<String> c1 = s -> log.append("1:").append(s).append(' ');
        c1.andThen(s -> log.append("2:").append(s.toUpperCase())).accept("hi");
        System.out.println("consumer chain: " + log);
        BinaryOperator<Integer> maxBy = BinaryOperator.maxBy(Comparator.naturalOrder());
        System.out.println("BinaryOperator.maxBy: " + maxBy.apply(3, 8) + " UnaryOperator.identity: " + UnaryOperator.identity().apply("same"));
        BiFunction<Integer, Integer, Integer> add = Integer::sum;
        System.out.println("BiFunction andThen: " + add.andThen(x -> x * x).apply(2, 3));
        ToIntFunction<String> len = String::length;
        ToDoubleBiFunction<Integer, Integer> div = (a, b) -> (double) a / b;
        LongSupplier ls = () -> Long.MAX_VALUE;
        BooleanSupplier bs = () -> true;
        DoubleBinaryOperator hyp = Math::hypot;
        System.out.println("primitive specialisations: " + len.applyAsInt("abc") + " " + div.applyAsDouble(1, 4) + " " + ls.getAsLong()
            + " " + bs.getAsBoolean() + " " + hyp.applyAsDouble(3, 4));

        // capture
        int base = 100;
        String sep = "/";
        List<Supplier<String>> sups = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int copy = i;
            sups.add(() -> base + sep + copy);
        }
        StringBuilder captured = new StringBuilder();
        for (Supplier<String> s : sups) captured.append(s.get()).append(' ');
        System.out.println("captured: " + captured.toString().trim());
        int[] counter = {0};
        Runnable inc = () -> counter[0]++;
        for (int i = 0; i < 5; i++) inc.run();
        System.out.println("mutable capture via array: " + counter[0]);
        System.out.println(m.selfDescriber().get());
        System.out.println(m.anonDescriber().get());

        // currying and higher order
        Function<Integer, Function<Integer, Function<Integer, Integer>>> curried = a -> b -> c -> a * 100 + b * 10 + c;
        System.out.println("curried: " + curried.apply(1).apply(2).apply(3));
        TriFunction<Integer, Integer, Integer, Integer> tri = (a, b, c) -> a + b + c;
        System.out.println("custom functional interface: " + tri.andThen(x -> "sum=" + x).apply(1, 2, 3));
        System.out.println("static interface method: " + IntOp.twice(x -> x * 3).op(2));
        factorial = n -> n <= 1 ? 1 : n * factorial.apply(n - 1);
        System.out.println("recursive lambda via field: " + factorial.apply(10));
        Supplier<Supplier<String>> nested = () -> () -> "nested";
        System.out.println("lambda returning lambda: " + nested.get().get());

        Runnable r = () -> System.out.println("runnable ran");
        r.run();
        java.util.concurrent.Callable<Integer> call = () -> 42;
        System.out.println("callable: " + call.call());
        Comparator<String> byLen = Comparator.comparingInt(String::length);
        String[] words = {"ccc", "a", "bb", "dddd", "ee"};
        Arrays.sort(words, byLen.thenComparing(Comparator.reverseOrder()));
        System.out.println("comparator lambdas: " + Arrays.toString(words));
        Object o = (Runnable & java.io.Serializable) () -> { };
        System.out.println("intersection cast: " + (o instanceof java.io.Serializable) + " " + (o instanceof Runnable));
        Function<Object, String> generic = Object::toString;
        System.out.println("method ref on Object: " + generic.apply(List.of(1)));
        System.out.println("lambda is not anonymous class: " + r.getClass().isAnonymousClass() + ", synthetic: " + r.getClass().isSynthetic());
        rawCalls();
    }

    record P(int x) {}

    // A raw caller may pass anything: the proxy casts each argument to the instantiated type first (the
    // implementation never sees a wrong object), and unboxing null throws NullPointerException.
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void rawCalls() {
        Function<Integer, Integer> inc = x -> x + 1;
        Function<P, Integer> px = P::x;
        Consumer<String> len = String::length;
        Function<Integer, Double> half = i -> i / 2.0;
        ToIntFunction<Integer> unbox = Integer::intValue;
        Comparator<String> cmp = Comparator.comparing(String::length);
        Object[][] calls = {{inc, "x"}, {inc, null}, {px, List.of(1)}, {px, new P(3)}, {half, 5L}, {half, 3}};
        for (Object[] c : calls) {
            try { System.out.println("raw " + ((Function) c[0]).apply(c[1])); } catch (RuntimeException e) { System.out.println("raw: " + e); }
        }
        try { ((Consumer) len).accept(5); } catch (RuntimeException e) { System.out.println("raw consumer: " + e); }
        try { System.out.println(((ToIntFunction) unbox).applyAsInt(null)); } catch (RuntimeException e) { System.out.println("raw unbox: " + e); }
        try { System.out.println(((Comparator) cmp).compare(1, 2)); } catch (RuntimeException e) { System.out.println("raw comparator: " + e); }
        List raw = new ArrayList(List.of(3));
        List<String> strings = raw;
        try { strings.forEach(s -> System.out.println(s.length())); } catch (RuntimeException e) { System.out.println("raw forEach: " + e); }
    }
}
