import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

// Access control at resolution (JVMS 5.4.4) after the library changed under its callers (changed/ is compiled
// second): private, protected and package-private members, a class that stopped being public, arrays of it,
// protected members through a subclass, nestmates, reflection past its inflation threshold (generated accessors),
// and a class defined by another loader whose superinterface or superclass is package-private in 'app'.
public class Main extends p.Base {
    interface Hidden { int h(); }
    static class HiddenBase { }
    private int secret = 41;
    private static String whisper() { return "nest"; }

    class Inner { int peek() { return secret + 1; } String ask() { return whisper(); } }

    static class Loader extends ClassLoader {
        Loader() { super(Main.class.getClassLoader()); }
        Class<?> define(String name) throws Exception {
            byte[] b = Files.readAllBytes(Path.of(System.getProperty("java.class.path"), name + ".class"));
            return defineClass(name, b, 0, b.length);
        }
    }
    static class Impl implements Hidden { public int h() { return 3; } }
    static class Sub extends HiddenBase { }

    private int twice(int x) { return 2 * x; }

    static void attempt(String what, Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            System.out.println(what + ": " + t.toString().replaceAll("@[0-9a-f]+", "@HASH"));
        }
    }

    public static void main(String[] args) throws Exception {
        attempt("private static method", () -> System.out.println(A.f()));
        attempt("private field", () -> System.out.println(new A().g));
        attempt("public constructor", () -> System.out.println(new A() != null));
        attempt("protected static method", () -> System.out.println(p.K.s()));
        attempt("package field", () -> System.out.println(new p.K().f));
        attempt("protected static field", () -> System.out.println(p.K.sf));
        attempt("protected method", () -> new p.K().m());
        attempt("abstract package method", () -> { p.K.Ab x = new p.K.Impl(); x.am(); });
        attempt("class no longer public", () -> System.out.println(p.Gone.value()));
        attempt("array of it", () -> System.out.println(new p.Gone[2].length));
        attempt("class literal", () -> System.out.println(p.Gone.class));
        attempt("instanceof", () -> System.out.println(((Object) "x") instanceof p.Gone));
        attempt("array clone", () -> System.out.println(new Object[] {1, 2}.clone().length));
        attempt("protected through subclass", () -> { Main m = new Main(); m.pm(); System.out.println(m.pf + ps()); });
        attempt("nestmates", () -> { Inner i = new Main().new Inner(); System.out.println(i.peek() + " " + i.ask()); });
        Method twice = Main.class.getDeclaredMethod("twice", int.class);
        twice.setAccessible(true);
        int sum = 0;
        for (int i = 0; i < 40; i++) sum += (Integer) twice.invoke(new Main(), i);
        System.out.println("reflection " + sum);
        attempt("superinterface", () -> { try { new Loader().define("Main$Impl"); } catch (Exception e) { throw new RuntimeException(e); } });
        attempt("superclass", () -> { try { new Loader().define("Main$Sub"); } catch (Exception e) { throw new RuntimeException(e); } });
    }
}
