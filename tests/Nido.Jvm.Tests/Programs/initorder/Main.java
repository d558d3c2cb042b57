// Class and instance initialisation order: static blocks and field initialisers in textual order, superclass first,
// constructor chaining through this(...) and super(...), instance initialisers after super(), a virtual call from a
// superclass constructor seeing default values, initialisation triggered by static field access/method call/new but
// not by constants, arrays, class literals or Class.forName(name, false, loader); interfaces initialised only when
// they declare default methods (JLS 12.4.1); failed initialisation (ExceptionInInitializerError, then NoClassDefFoundError).
public class Main {
    static int zero = 0;

    static int trace(String what, int value) {
        System.out.println("  init " + what + " = " + value);
        return value;
    }

    static class A {
        static { System.out.println("  A static block 1"); }
        static int sx = trace("A.sx", 1);
        static { System.out.println("  A static block 2, sx=" + sx); }
        int f = trace("A.f", 10);
        { System.out.println("  A instance block, f=" + f); }

        A() {
            this(0);
            System.out.println("  A()");
        }

        A(int v) {
            super();
            System.out.println("  A(int " + v + ")");
            show();
        }

        void show() { System.out.println("  A.show"); }
    }

    static class B extends A {
        static int sy = trace("B.sy", 2);
        static { System.out.println("  B static block"); }
        int g = trace("B.g", 20);
        String s = "set";
        { System.out.println("  B instance block, g=" + g); }

        B() {
            super();
            System.out.println("  B() g=" + g + " s=" + s);
        }

        B(String x) {
            this();
            System.out.println("  B(String " + x + ")");
        }

        @Override
        void show() { System.out.println("  B.show g=" + g + " s=" + s); }
    }

    static class Constants {
        static final int K = 42;
        static final String S = "const";
        static final Integer BOXED = trace("Constants.BOXED", 7);
        static final long NOT_CONSTANT = Long.parseLong("99");
        static { System.out.println("  Constants static block"); }
    }

    static class Lazy {
        static { System.out.println("  Lazy initialised"); }
        static void touch() { System.out.println("  Lazy.touch"); }
    }

    static class Lazy2 {
        static { System.out.println("  Lazy2 initialised"); }
    }

    static class Parent {
        static int p = trace("Parent.p", 3);
    }

    static class Child extends Parent {
        static { System.out.println("  Child initialised"); }
        static int c = trace("Child.c", 4);
    }

    interface WithDefault {
        int X = trace("WithDefault.X", 5);
        default void m() {}
    }

    interface NoDefault {
        int Y = trace("NoDefault.Y", 6);
    }

    static class Impl implements WithDefault, NoDefault {
        static { System.out.println("  Impl initialised"); }
    }

    static class SelfRef {
        static SelfRef INSTANCE = new SelfRef();
        static int count = 5;
        static final int CONST = 9;
        int seen;

        SelfRef() {
            seen = count;
            System.out.println("  SelfRef() sees count=" + count + " CONST=" + CONST);
        }
    }

    static class Failing {
        static int v = trace("Failing.v", 1 / zero);
    }

    static class Holder {
        static { System.out.println("  Holder initialised"); }
        static final Holder INSTANCE = new Holder();
        Holder() { System.out.println("  Holder()"); }
    }

    enum Level {
        LOW(1), HIGH(2);
        static { System.out.println("  Level static block after constants"); }
        final int v;
        Level(int v) { this.v = v; System.out.println("  Level(" + v + ") " + name()); }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("main starts");
        System.out.println("new B():");
        new B();
        System.out.println("new B(\"x\") (statics already done):");
        new B("x");

        System.out.println("constants:");
        System.out.println("  K=" + Constants.K + " S=" + Constants.S);
        System.out.println("  reading BOXED:");
        System.out.println("  BOXED=" + Constants.BOXED + " NOT_CONSTANT=" + Constants.NOT_CONSTANT);

        System.out.println("no initialisation by arrays, class literals, forName(initialize=false):");
        Lazy[] arr = new Lazy[3];
        Class<?> k = Lazy.class;
        Class<?> k2 = Class.forName("Main$Lazy2", false, Main.class.getClassLoader());
        System.out.println("  " + arr.length + " " + k.getSimpleName() + " " + k2.getSimpleName());
        System.out.println("static method call:");
        Lazy.touch();
        Lazy.touch();
        System.out.println("Class.forName(name):");
        Class.forName("Main$Lazy2");

        System.out.println("Child.p initialises only Parent:");
        System.out.println("  Child.p=" + Child.p);
        System.out.println("  Child.c=" + Child.c);

        System.out.println("new Impl() initialises WithDefault but not NoDefault:");
        new Impl();
        System.out.println("  NoDefault.Y=" + NoDefault.Y);

        System.out.println("self reference during <clinit>:");
        System.out.println("  INSTANCE.seen=" + SelfRef.INSTANCE.seen + " count=" + SelfRef.count);

        System.out.println("holder idiom:");
        Holder h1 = Holder.INSTANCE, h2 = Holder.INSTANCE;
        System.out.println("  same instance: " + (h1 == h2));

        System.out.println("enum:");
        System.out.println("  " + Level.HIGH + " v=" + Level.HIGH.v);

        System.out.println("failing initialiser:");
        for (int i = 0; i < 2; i++) {
            try {
                System.out.println(Failing.v);
            } catch (Throwable t) {
                System.out.println("  " + t.getClass().getName()
                    + (t.getCause() == null ? "" : " caused by " + t.getCause().getClass().getName()));
            }
        }
        System.out.println("main ends");
    }
}
