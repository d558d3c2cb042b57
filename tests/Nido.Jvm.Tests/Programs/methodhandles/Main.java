import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.WrongMethodTypeException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.function.Supplier;

import static java.lang.invoke.MethodType.methodType;

// java.lang.invoke's method handles as programs use them: lookups of every kind, invokeExact/invoke with
// conversions, invokeWithArguments, the combinators, varargs collectors and spreaders, proxies of functional
// interfaces, mutable call sites, exceptions through handles, and Proxy's default methods.
public class Main {
    private int value = 7;
    private static String label = "static";

    public Main() {}
    public Main(int value) { this.value = value; }

    public int plus(int x) { return value + x; }
    private String secret() { return "secret " + value; }
    public static int twice(int x) { return 2 * x; }
    public static long sum(long a, int b, short c, byte d, char e, double f) { return a + b + c + d + e + (long) f; }
    public static String join(String sep, String... parts) { return String.join(sep, parts); }
    static boolean isEven(int x) { return x % 2 == 0; }
    static String even(int x) { return x + " is even"; }
    static String odd(int x) { return x + " is odd"; }
    static int fail(String why) { throw new IllegalStateException(why); }
    static int recover(IllegalStateException e, String why) { return why.length(); }

    interface Greeter {
        String name();
        default String greet() { return "hello " + name(); }
    }

    public static void main(String[] args) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();

        // Lookups.
        MethodHandle plus = lookup.findVirtual(Main.class, "plus", methodType(int.class, int.class));
        MethodHandle twice = lookup.findStatic(Main.class, "twice", methodType(int.class, int.class));
        MethodHandle ctor = lookup.findConstructor(Main.class, methodType(void.class, int.class));
        MethodHandle secret = lookup.findSpecial(Main.class, "secret", methodType(String.class), Main.class);
        MethodHandle getter = lookup.findGetter(Main.class, "value", int.class);
        MethodHandle setter = lookup.findSetter(Main.class, "value", int.class);
        MethodHandle staticGetter = lookup.findStaticGetter(Main.class, "label", String.class);
        MethodHandle length = lookup.findVirtual(String.class, "length", methodType(int.class));
        MethodHandle compare = lookup.findVirtual(Comparable.class, "compareTo", methodType(int.class, Object.class));
        Main m = (Main) ctor.invokeExact(5);
        System.out.println("plus " + (int) plus.invokeExact(m, 10) + " twice " + (int) twice.invokeExact(21));
        System.out.println("secret: " + (String) secret.invokeExact(m) + ", value " + (int) getter.invokeExact(m));
        setter.invokeExact(m, 9);
        System.out.println("after set " + m.value + ", label " + (String) staticGetter.invokeExact());
        System.out.println("interface call " + (int) compare.invokeExact((Comparable) "b", (Object) "a"));
        System.out.println("unreflect " + lookup.unreflect(Main.class.getMethod("twice", int.class)).invoke(4));

        // invoke adapts types (boxing, widening, casts); invokeExact does not.
        Object boxed = plus.invoke(m, (Integer) 1);
        long widened = (long) twice.invoke(3);
        System.out.println("invoke: " + boxed + " " + widened + " " + length.invoke("four"));
        try {
            long wrong = (long) twice.invokeExact(3);
            System.out.println("no exception " + wrong);
        } catch (WrongMethodTypeException e) {
            System.out.println("WrongMethodTypeException: " + e.getMessage());
        }
        MethodHandle sum = lookup.findStatic(Main.class, "sum", methodType(long.class, long.class, int.class, short.class, byte.class, char.class, double.class));
        System.out.println("sum " + (long) sum.invokeExact(1L, 2, (short) 3, (byte) 4, 'A', 5.9));
        System.out.println("invokeWithArguments " + sum.invokeWithArguments(1L, 2, (short) 3, (byte) 4, 'B', 6.0));

        // Combinators.
        MethodHandle bound = plus.bindTo(m);
        MethodHandle inserted = MethodHandles.insertArguments(twice, 0, 50);
        MethodHandle filtered = MethodHandles.filterReturnValue(length, twice);
        MethodHandle filteredArgs = MethodHandles.filterArguments(plus, 1, length);
        MethodHandle dropped = MethodHandles.dropArguments(twice, 0, String.class, double.class);
        MethodHandle guarded = MethodHandles.guardWithTest(
                lookup.findStatic(Main.class, "isEven", methodType(boolean.class, int.class)),
                lookup.findStatic(Main.class, "even", methodType(String.class, int.class)),
                lookup.findStatic(Main.class, "odd", methodType(String.class, int.class)));
        MethodHandle caught = MethodHandles.catchException(
                lookup.findStatic(Main.class, "fail", methodType(int.class, String.class)),
                IllegalStateException.class,
                lookup.findStatic(Main.class, "recover", methodType(int.class, IllegalStateException.class, String.class)));
        MethodHandle permuted = MethodHandles.permuteArguments(
                lookup.findVirtual(String.class, "concat", methodType(String.class, String.class)),
                methodType(String.class, String.class, String.class), 1, 0);
        MethodHandle folded = MethodHandles.foldArguments(
                MethodHandles.dropArguments(twice, 1, int.class), MethodHandles.identity(int.class));
        System.out.println("bound " + (int) bound.invokeExact(1) + " inserted " + (int) inserted.invokeExact()
                + " filtered " + (int) filtered.invokeExact("abc") + " filteredArgs " + (int) filteredArgs.invokeExact(m, "xy"));
        System.out.println("dropped " + (int) dropped.invokeExact("x", 1.0, 8) + " folded " + (int) folded.invokeExact(11));
        System.out.println(guarded.invoke(4) + ", " + guarded.invoke(7) + "; caught " + (int) caught.invokeExact("four"));
        System.out.println("permuted " + (String) permuted.invokeExact("world", "hello "));
        System.out.println("constant " + MethodHandles.constant(String.class, "c").invoke()
                + " identity " + MethodHandles.identity(String.class).invoke("i"));
        MethodHandle loop = MethodHandles.countedLoop(MethodHandles.constant(int.class, 5), MethodHandles.constant(int.class, 0),
                MethodHandles.dropArguments(MethodHandles.insertArguments(
                        lookup.findStatic(Integer.class, "sum", methodType(int.class, int.class, int.class)), 1, 3), 1, int.class));
        System.out.println("countedLoop " + loop.invoke());

        // Arrays, varargs, spreading and collecting.
        MethodHandle join = lookup.findStatic(Main.class, "join", methodType(String.class, String.class, String[].class));
        System.out.println("varargs " + join.invoke("-", "a", "b", "c") + " " + join.isVarargsCollector());
        MethodHandle spread = MethodHandles.spreadInvoker(methodType(int.class, int.class), 0);
        System.out.println("spreadInvoker " + spread.invoke(twice, new Object[] {6}));
        MethodHandle collector = lookup.findStatic(Arrays.class, "toString", methodType(String.class, Object[].class))
                .asCollector(Object[].class, 3);
        System.out.println("asCollector " + collector.invoke("x", 1, 2.5));
        MethodHandle spreader = twice.asSpreader(Object[].class, 1);
        System.out.println("asSpreader " + spreader.invoke(new Object[] {9}));
        MethodHandle getElement = MethodHandles.arrayElementGetter(int[].class);
        MethodHandle setElement = MethodHandles.arrayElementSetter(int[].class);
        int[] numbers = {1, 2, 3};
        setElement.invokeExact(numbers, 1, 20);
        System.out.println("array element " + (int) getElement.invokeExact(numbers, 1) + " length "
                + (int) MethodHandles.arrayLength(int[].class).invokeExact(numbers));

        // Handles as functional interfaces.
        IntBinaryOperator max = MethodHandleProxies.asInterfaceInstance(IntBinaryOperator.class,
                lookup.findStatic(Math.class, "max", methodType(int.class, int.class, int.class)));
        System.out.println("asInterfaceInstance " + max.applyAsInt(3, 8));
        Supplier<List<String>> supplier = MethodHandleProxies.asInterfaceInstance(Supplier.class,
                lookup.findConstructor(ArrayList.class, methodType(void.class)));
        System.out.println("supplier " + supplier.get());

        // A mutable call site's target can change.
        MutableCallSite site = new MutableCallSite(methodType(int.class, int.class));
        site.setTarget(twice);
        MethodHandle invoker = site.dynamicInvoker();
        int first = (int) invoker.invokeExact(10);
        site.setTarget(MethodHandles.insertArguments(plus, 0, m));
        System.out.println("call site " + first + " then " + (int) invoker.invokeExact(10));

        // Exceptions thrown by the target come out of invokeExact unchanged.
        try {
            int never = (int) MethodHandles.insertArguments(lookup.findStatic(Main.class, "fail", methodType(int.class, String.class)), 0, "boom").invokeExact();
            System.out.println(never);
        } catch (IllegalStateException e) {
            System.out.println("caught " + e.getMessage());
        }
        MethodHandle thrower = MethodHandles.throwException(int.class, ArithmeticException.class);
        try {
            int never = (int) thrower.invokeExact(new ArithmeticException("thrown"));
            System.out.println(never);
        } catch (ArithmeticException e) {
            System.out.println("throwException " + e.getMessage());
        }
        try {
            lookup.findVirtual(Main.class, "missing", methodType(void.class));
        } catch (NoSuchMethodException e) {
            System.out.println("NoSuchMethodException " + e.getMessage());
        }
        try {
            MethodHandles.publicLookup().findVirtual(Main.class, "secret", methodType(String.class));
        } catch (IllegalAccessException e) {
            System.out.println("IllegalAccessException " + e.getMessage());
        }

        // A handle's type and printing.
        System.out.println(plus.type() + " " + twice + " " + bound.type() + " " + collector.type());

        // Proxy's default methods go through a method handle.
        Greeter g = (Greeter) Proxy.newProxyInstance(Main.class.getClassLoader(), new Class<?>[] {Greeter.class},
                (InvocationHandler) (proxy, method, margs) -> method.getName().equals("name") ? "proxy"
                        : InvocationHandler.invokeDefault(proxy, method, margs));
        System.out.println(g.greet());

        // Many calls through the same handle (the JDK customizes a hot handle's form).
        long total = 0;
        for (int i = 0; i < 1000; i++) total += (int) plus.invokeExact(m, i) + (int) filtered.invokeExact("ab");
        System.out.println("total " + total);
    }
}
