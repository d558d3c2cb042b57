import java.util.Arrays;
import java.util.List;

// Sealed hierarchies (Java 17): sealed interfaces and classes with final, non-sealed and record permitted
// subtypes, reflection (isSealed, getPermittedSubclasses), and a small expression evaluator dispatching with
// instanceof patterns over a sealed interface of records.
public class Main {
    sealed interface Expr permits Num, Add, Mul, Neg, Var {}

    record Num(double value) implements Expr {}

    record Add(Expr left, Expr right) implements Expr {}

    record Mul(Expr left, Expr right) implements Expr {}

    record Neg(Expr operand) implements Expr {}

    record Var(String name) implements Expr {}

    static double eval(Expr e, double x) {
        if (e instanceof Num n) return n.value();
        if (e instanceof Add a) return eval(a.left(), x) + eval(a.right(), x);
        if (e instanceof Mul m) return eval(m.left(), x) * eval(m.right(), x);
        if (e instanceof Neg n) return -eval(n.operand(), x);
        if (e instanceof Var) return x;
        throw new AssertionError(e);
    }

    static String show(Expr e) {
        if (e instanceof Num n) return n.value() == Math.floor(n.value()) ? String.valueOf((long) n.value()) : String.valueOf(n.value());
        if (e instanceof Add a) return "(" + show(a.left()) + " + " + show(a.right()) + ")";
        if (e instanceof Mul m) return show(m.left()) + " * " + show(m.right());
        if (e instanceof Neg n) return "-" + show(n.operand());
        return ((Var) e).name();
    }

    static Expr derive(Expr e) {
        if (e instanceof Num) return new Num(0);
        if (e instanceof Var) return new Num(1);
        if (e instanceof Add a) return new Add(derive(a.left()), derive(a.right()));
        if (e instanceof Mul m) return new Add(new Mul(derive(m.left()), m.right()), new Mul(m.left(), derive(m.right())));
        if (e instanceof Neg n) return new Neg(derive(n.operand()));
        throw new AssertionError(e);
    }

    static abstract sealed class Vehicle permits Car, Truck, Bike {
        abstract int wheels();
    }

    static final class Car extends Vehicle {
        int wheels() { return 4; }
    }

    static final class Truck extends Vehicle {
        final int axles;

        Truck(int axles) { this.axles = axles; }

        int wheels() { return axles * 4; }
    }

    static non-sealed class Bike extends Vehicle {
        int wheels() { return 2; }
    }

    static class Tandem extends Bike {
        @Override
        int wheels() { return super.wheels(); }

        @Override
        public String toString() { return "Tandem"; }
    }

    public static void main(String[] args) {
        Expr x = new Var("x");
        Expr poly = new Add(new Mul(new Num(3), new Mul(x, x)), new Add(new Neg(new Mul(new Num(2), x)), new Num(1.5)));
        System.out.println("f(x) = " + show(poly));
        for (double v : new double[] {0, 1, 2.5, -3}) System.out.println("f(" + v + ") = " + eval(poly, v));
        Expr d = derive(poly);
        System.out.println("f'(x) = " + show(d));
        System.out.println("f'(2) = " + eval(d, 2));
        System.out.println("records equal structurally: " + derive(new Mul(x, x)).equals(derive(new Mul(new Var("x"), new Var("x")))));

        List<Vehicle> vs = List.of(new Car(), new Truck(3), new Bike(), new Tandem());
        int total = 0;
        for (Vehicle v : vs) total += v.wheels();
        System.out.println("wheels: " + total);
        System.out.println("Expr sealed: " + Expr.class.isSealed() + " permits " + names(Expr.class.getPermittedSubclasses()));
        System.out.println("Vehicle sealed: " + Vehicle.class.isSealed() + " permits " + names(Vehicle.class.getPermittedSubclasses()));
        System.out.println("Bike sealed: " + Bike.class.isSealed() + " permitted: " + Bike.class.getPermittedSubclasses());
        System.out.println("Num is record and final: " + Num.class.isRecord() + " " + java.lang.reflect.Modifier.isFinal(Num.class.getModifiers()));
    }

    static String names(Class<?>[] cs) {
        String[] n = new String[cs.length];
        for (int i = 0; i < cs.length; i++) n[i] = cs[i].getSimpleName();
        Arrays.sort(n);
        return Arrays.toString(n);
    }
}
