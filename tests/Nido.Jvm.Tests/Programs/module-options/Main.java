import java.lang.reflect.Field;

// --add-opens and --add-exports reach the module system as HotSpot passes them (jdk.module.addopens.N …):
// String's private field becomes accessible and jdk.internal.misc is exported to the unnamed module; a package
// not named stays closed.
public class Main {
    public static void main(String[] args) throws Exception {
        Field value = String.class.getDeclaredField("value");
        value.setAccessible(true);
        System.out.println(((byte[]) value.get("hi")).length);
        System.out.println(Class.forName("jdk.internal.misc.Unsafe").getMethod("getUnsafe").invoke(null) != null);
        try {
            Field f = java.util.ArrayList.class.getDeclaredField("size");
            f.setAccessible(true);
            System.out.println("opened java.util");
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getName());
        }
    }
}
