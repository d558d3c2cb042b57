// StackWalker (frames, class references, skipping, reflection frames) and java.util.logging, which finds its caller
// with it; stack traces keep the innermost 1024 frames as HotSpot.
import java.util.*;
import java.util.logging.*;
import java.util.stream.*;
public class Main {
    static void deep(int n) { if (n > 0) { deep(n - 1); return; }
        System.out.println(StackWalker.getInstance().walk(s -> s.map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber()).collect(Collectors.toList())).size());
    }
    public static void main(String[] args) throws Exception {
        StackWalker.getInstance().forEach(f -> System.out.println(f));
        Runnable r = () -> StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).forEach(f -> System.out.println(f.getDeclaringClass().getSimpleName() + " " + f.getMethodName() + " " + f.getByteCodeIndex() + " " + f.getMethodType() + " " + f.isNativeMethod()));
        r.run();
        deep(300);
        System.out.println(StackWalker.getInstance(Set.of(StackWalker.Option.SHOW_REFLECT_FRAMES)).walk(s -> s.count()).longValue());
        Main.class.getDeclaredMethod("refl").invoke(null);
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        Logger log = Logger.getLogger("test");
        log.info("hello from logging");
        log.warning("warn " + 42);
        try { throw new RuntimeException("x"); } catch (RuntimeException e) { log.log(Level.SEVERE, "failed", e); }
        System.out.println(new Throwable().getStackTrace().length);
        try { deepThrow(3000); } catch (RuntimeException e) { System.out.println("trace " + e.getStackTrace().length); }
    }
    static void deepThrow(int n) { if (n == 0) throw new RuntimeException(); deepThrow(n - 1); }
    public static void refl() { StackWalker.getInstance().forEach(f -> System.out.println("refl " + f.getMethodName())); }
}
