import java.util.ArrayList;
import java.util.List;

// Inheritance and polymorphism: abstract classes, overriding vs hiding (static methods and fields), super calls,
// interfaces with default/static/private methods, default-method conflict resolution with X.super.m(), covariant
// returns, overload resolution (widening beats boxing beats varargs), invokeinterface through several interfaces,
// final methods, protected members, equals/hashCode/toString overrides, instanceof and casts.
public class Main {
    interface Named {
        String name();

        default String greet() { return "Hello, " + decorate(name()); }

        private String decorate(String s) { return "<" + s + ">"; }

        static Named of(String n) { return () -> n; }
    }

    interface Sized {
        double area();

        default String greet() { return "I am " + area() + " big"; }

        default int rank() { return (int) Math.round(area()); }
    }

    static abstract class Shape implements Named, Sized, Comparable<Shape> {
        static int created;
        protected final String id;
        String kind = "shape";

        Shape(String id) {
            this.id = id;
            created++;
            // virtual call from a constructor: the subclass's override runs before its fields are set
            System.out.println("  constructing " + id + " (" + describeEarly() + ")");
        }

        String describeEarly() { return "abstract"; }

        @Override
        public String greet() { return Named.super.greet() + " / " + Sized.super.greet(); }

        public final String summary() { return name() + "[" + id + "] area=" + area(); }

        @Override
        public int compareTo(Shape o) { return Double.compare(area(), o.area()); }

        static String category() { return "Shape.category"; }

        @Override
        public String toString() { return getClass().getSimpleName() + "(" + id + ")"; }
    }

    static class Circle extends Shape {
        final double r;
        String kind = "circle";

        Circle(String id, double r) {
            super(id);
            this.r = r;
        }

        @Override
        public String name() { return "circle"; }

        @Override
        public double area() { return Math.PI * r * r; }

        @Override
        String describeEarly() { return "circle r=" + r; }

        static String category() { return "Circle.category"; }
    }

    static class Rect extends Shape {
        final double w, h;

        Rect(String id, double w, double h) {
            super(id);
            this.w = w;
            this.h = h;
        }

        @Override
        public String name() { return "rect"; }

        @Override
        public double area() { return w * h; }

        Rect scaled(double f) { return new Rect(id + "*", w * f, h * f); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rect && ((Rect) o).w == w && ((Rect) o).h == h;
        }

        @Override
        public int hashCode() { return Double.hashCode(w) * 31 + Double.hashCode(h); }
    }

    static class Square extends Rect {
        Square(String id, double side) { super(id, side, side); }

        @Override
        public String name() { return "square(" + super.name() + ")"; }

        @Override
        Square scaled(double f) { return new Square(id + "^", w * f); } // covariant return

        @Override
        public int rank() { return super.rank() * 100; }
    }

    // overload resolution
    static String m(long x) { return "m(long)"; }
    static String m(Integer x) { return "m(Integer)"; }
    static String m(int... x) { return "m(int...)"; }
    static String m(Object x) { return "m(Object)"; }
    static String n(double x) { return "n(double)"; }
    static String n(Object x) { return "n(Object)"; }
    static String v(Object... xs) { return "v(Object...) len=" + (xs == null ? "null" : xs.length); }
    static String s(String x) { return "s(String)"; }
    static String s(Object x) { return "s(Object)"; }

    static class Base {
        String who() { return "Base"; }
        String call() { return "Base.call->" + who(); }
        static String st() { return "Base.st"; }
    }

    static class Derived extends Base {
        @Override
        String who() { return "Derived"; }
        String superWho() { return super.who(); }
        static String st() { return "Derived.st"; }
    }

    static class MoreDerived extends Derived {
        @Override
        String who() { return "MoreDerived(" + super.who() + ")"; }
    }

    public static void main(String[] args) {
        System.out.println("creating:");
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Circle("c1", 1.5));
        shapes.add(new Rect("r1", 2, 3));
        shapes.add(new Square("s1", 2));
        shapes.add(new Circle("c2", 0.5));
        System.out.println("created=" + Shape.created);
        for (Shape s : shapes) {
            System.out.println(s + ": " + s.summary());
            System.out.println("  greet: " + s.greet());
            System.out.println("  rank: " + s.rank());
            Named n = s;
            Sized z = s;
            System.out.println("  via interfaces: " + n.name() + " " + z.area());
        }
        shapes.sort(null);
        System.out.println("sorted by area: " + shapes);
        Shape sq = shapes.get(2);
        System.out.println("field hiding: ((Shape) circle).kind=" + ((Shape) shapes.get(0)).kind + " circle.kind=" + ((Circle) shapes.get(0)).kind);
        System.out.println("static hiding: " + Shape.category() + " " + Circle.category());
        Rect r = new Square("s2", 3);
        Rect scaled = r.scaled(2);
        System.out.println("covariant: " + scaled + " " + scaled.summary() + " is Square " + (scaled instanceof Square));
        System.out.println("equals: " + new Rect("a", 3, 3).equals(new Square("b", 3)) + " " + new Rect("a", 1, 2).equals(new Rect("b", 2, 1)));
        System.out.println("hashCode equal: " + (new Rect("a", 3, 3).hashCode() == new Square("b", 3).hashCode()));
        System.out.println("instanceof: " + (sq instanceof Named) + " " + (sq instanceof Comparable) + " " + (sq instanceof Circle));
        try {
            Object o = shapes.get(0);
            Square bad = (Square) o;
            System.out.println("no exception " + bad);
        } catch (ClassCastException e) {
            System.out.println("cast failed: " + e.getClass().getSimpleName());
        }
        Named lambda = Named.of("lambda");
        System.out.println("static interface method + lambda: " + lambda.greet());
        Named anon = new Named() {
            @Override
            public String name() { return "anon"; }

            @Override
            public String greet() { return "custom " + Named.super.greet(); }
        };
        System.out.println("anonymous: " + anon.greet());

        System.out.println("overloads:");
        int i = 1;
        short sh = 2;
        Integer boxed = 3;
        long l = 4;
        System.out.println("  int -> " + m(i));
        System.out.println("  short -> " + m(sh));
        System.out.println("  Integer -> " + m(boxed));
        System.out.println("  long -> " + m(l));
        System.out.println("  String -> " + m("x"));
        System.out.println("  none -> " + m());
        System.out.println("  two -> " + m(1, 2));
        System.out.println("  char -> " + n('c'));
        System.out.println("  Character -> " + n(Character.valueOf('c')));
        System.out.println("  null -> " + s(null));
        System.out.println("  v() -> " + v());
        System.out.println("  v(null) -> " + v((Object[]) null));
        System.out.println("  v((Object) null) -> " + v((Object) null));
        System.out.println("  v(array) -> " + v(new Object[] {1, 2, 3}));
        System.out.println("  v(String array) -> " + v((Object) new String[] {"a"}));

        System.out.println("dispatch:");
        Base b = new MoreDerived();
        System.out.println("  " + b.who() + " | " + b.call() + " | " + ((Derived) b).superWho());
        Base b2 = new Derived();
        System.out.println("  " + b2.call() + " | static via type: " + Base.st() + " " + Derived.st());
        Object o = new Derived();
        System.out.println("  Object.toString overridden? " + (o.toString().startsWith("Main$Derived@")));
        System.out.println("  superclass chain: " + MoreDerived.class.getSuperclass().getSimpleName() + " <- "
            + MoreDerived.class.getSuperclass().getSuperclass().getSimpleName() + " <- "
            + MoreDerived.class.getSuperclass().getSuperclass().getSuperclass().getName());
    }
}
