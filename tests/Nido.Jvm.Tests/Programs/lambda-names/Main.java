// Lambda proxies are hidden classes named as HotSpot names them (Outer$$Lambda$N/0x…, no package), nestmates of
// the class that made them.
import java.lang.invoke.*;
public class Main {
    public static void main(String[] args) throws Throwable {
        Runnable r = () -> {}; Class<?> c = r.getClass();
        System.out.println(c.getName().replaceAll("0x[0-9a-f]+", "ADDR"));
        System.out.println(c.getSimpleName().replaceAll("0x[0-9a-f]+", "ADDR"));
        System.out.println("[" + c.getPackageName() + "] " + c.isHidden() + " " + c.isSynthetic());
        System.out.println(c.getNestHost().getName() + " " + c.isNestmateOf(Main.class));
        System.out.println(r.toString().replaceAll("0x[0-9a-f]+", "ADDR").replaceAll("@[0-9a-f]+", "@H"));
        System.out.println(c.getCanonicalName());
        java.util.function.Function<String, Integer> f = String::length;
        System.out.println(f.getClass().getName().replaceAll("0x[0-9a-f]+", "ADDR").replaceAll("\\$\\d+/", "\\$N/"));
    }
}
