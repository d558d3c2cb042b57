// Method/constructor parameters without MethodParameters (arg0 …), annotated types, and VarHandle bitwise modes
// (xor, and, or with their acquire/release forms) on int and boolean fields.
import java.lang.reflect.*;
import java.lang.invoke.*;
public class Main {
    public void m(int count, final String name, long... rest) {}
    public Main(double d) {}
    volatile int x = 0b1100; volatile boolean bb = true;
    public static void main(String[] args) throws Exception {
        for (Parameter p : Main.class.getMethod("m", int.class, String.class, long[].class).getParameters()) System.out.println(p + " " + p.isNamePresent() + " " + p.getModifiers());
        System.out.println(java.util.Arrays.toString(Main.class.getConstructor(double.class).getParameters()));
        System.out.println(Main.class.getMethod("m", int.class, String.class, long[].class).getAnnotatedReturnType().getType());
        VarHandle X = MethodHandles.lookup().findVarHandle(Main.class, "x", int.class);
        VarHandle B = MethodHandles.lookup().findVarHandle(Main.class, "bb", boolean.class);
        Main m = new Main(1);
        System.out.println((int) X.getAndBitwiseXor(m, 0b1010) + " " + m.x + " " + (int) X.getAndBitwiseAnd(m, 0b0100) + " " + m.x + " " + (int) X.getAndBitwiseOrAcquire(m, 1) + " " + m.x);
        System.out.println((boolean) B.getAndBitwiseXor(m, true) + " " + m.bb);
    }
}
