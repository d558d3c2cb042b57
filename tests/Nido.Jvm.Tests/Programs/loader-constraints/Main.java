import java.io.*;
import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;

// Loader constraints (JVMS 5.3.4): a loader that defines its own Shared (child-first for it and the caller) next to
// the application loader's Holder, whose members name Shared.
public class Main {
    static final class Child extends ClassLoader {
        final Set<String> own;
        Child(String... own) { super("child", Main.class.getClassLoader()); this.own = Set.of(own); }
        @Override protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && own.contains(name)) {
                    try {
                        byte[] b = Files.readAllBytes(Path.of(System.getProperty("java.class.path"), name + ".class"));
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) { throw new ClassNotFoundException(name, e); }
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }

    static void attempt(String caller) {
        try {
            Class<?> c = Class.forName(caller, true, new Child(caller, "Shared"));
            System.out.println(caller + ": " + c.getMethod("run").invoke(null));
        } catch (InvocationTargetException e) {
            System.out.println(caller + ": threw " + mask(e.getCause()));
        } catch (Throwable t) {
            System.out.println(caller + ": " + mask(t));
        }
    }

    static String mask(Throwable t) { return String.valueOf(t).replaceAll("@[0-9a-f]+", "@HASH"); }

    public static void main(String[] args) {
        System.out.println("app: " + Holder.make().value + " " + Holder.take(new Shared()));
        attempt("CallsMake");
        attempt("CallsTake");
        attempt("ReadsField");
        attempt("Overrides");
        attempt("Later");
        // Shared loaded by the child first: the override's constraint fails as Overrides is linked.
        try {
            Child child = new Child("Overrides", "Shared");
            Class.forName("Shared", false, child);
            Class.forName("Overrides", true, child);
            System.out.println("Overrides after Shared: linked");
        } catch (Throwable t) {
            System.out.println("Overrides after Shared: " + mask(t));
        }
        // An interface of the application loader implemented in the child, Shared loaded there first: the itable's
        // constraint fails as Impl is linked.
        try {
            Child child = new Child("Impl", "Shared");
            Class.forName("Shared", false, child);
            Class.forName("Impl", true, child);
            System.out.println("Impl after Shared: linked");
        } catch (Throwable t) {
            System.out.println("Impl after Shared: " + mask(t));
        }
        // The same callers with Shared from the application loader: no conflict.
        for (String caller : List.of("CallsMake", "Overrides", "Impl")) {
            try {
                Class<?> c = Class.forName(caller, true, new Child(caller));
                System.out.println(caller + " sharing: " + c.getMethod("run").invoke(null));
            } catch (Throwable t) {
                System.out.println(caller + " sharing: " + mask(t));
            }
        }
    }
}
