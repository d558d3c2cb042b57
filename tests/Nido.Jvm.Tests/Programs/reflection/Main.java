import java.lang.reflect.*;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

// Core reflection: Class.forName, names, modifiers, superclass/interfaces, declared methods/fields/constructors
// (sorted, since their order is unspecified), Method.invoke (static, instance, exception wrapped in
// InvocationTargetException, wrong argument types), Constructor.newInstance, private Field get/set through
// setAccessible, static fields, arrays through java.lang.reflect.Array, primitive classes, generic signatures,
// dynamic proxies.
public class Main {
    interface Greeter {
        String greet(String who);

        int count();
    }

    public static class Person implements Comparable<Person>, Greeter {
        public static int instances;
        private static final String SPECIES = "human";
        private String name;
        protected int age;
        public final List<String> tags = new ArrayList<>();
        transient volatile long cache;

        public Person() { this("nobody", 0); }

        public Person(String name, int age) {
            this.name = name;
            this.age = age;
            instances++;
        }

        private Person(String name) { this(name, -1); }

        public String getName() { return name; }

        public void setName(String name) { this.name = name; }

        private String secret(int n) { return name + "#" + n; }

        public static String species() { return SPECIES; }

        public void fail(String why) { throw new IllegalStateException("failed: " + why); }

        public synchronized int sum(int a, long b, double c) { return (int) (a + b + c); }

        @Override
        public String greet(String who) { return "hi " + who + ", I am " + name; }

        @Override
        public int count() { return age; }

        @Override
        public int compareTo(Person o) { return Integer.compare(age, o.age); }

        @Override
        public String toString() { return "Person(" + name + ", " + age + ")"; }
    }

    static abstract class Shape { abstract double area(); }

    static String sig(Method m) {
        StringBuilder sb = new StringBuilder();
        String mods = Modifier.toString(m.getModifiers());
        if (!mods.isEmpty()) sb.append(mods).append(' ');
        sb.append(m.getReturnType().getSimpleName()).append(' ').append(m.getName()).append('(');
        Class<?>[] ps = m.getParameterTypes();
        for (int i = 0; i < ps.length; i++) sb.append(i == 0 ? "" : ", ").append(ps[i].getSimpleName());
        sb.append(')');
        if (m.getExceptionTypes().length > 0) sb.append(" throws ").append(Arrays.toString(m.getExceptionTypes()));
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        Class<?> c = Class.forName("Main$Person");
        System.out.println("name " + c.getName() + " simple " + c.getSimpleName() + " canonical " + c.getCanonicalName() + " package '" + c.getPackageName() + "'");
        System.out.println("modifiers " + Modifier.toString(c.getModifiers()) + " superclass " + c.getSuperclass().getName()
            + " interfaces " + Arrays.stream(c.getInterfaces()).map(Class::getName).toList());
        System.out.println("isInterface " + Greeter.class.isInterface() + " abstract " + Modifier.isAbstract(Shape.class.getModifiers())
            + " isArray " + int[].class.isArray() + " isPrimitive " + int.class.isPrimitive() + " " + Integer.class.isPrimitive());
        System.out.println("primitive names: " + int.class.getName() + " " + void.class + " " + Integer.TYPE + " " + double[].class.getName()
            + " " + (Integer.TYPE == int.class));
        System.out.println("assignable: " + Comparable.class.isAssignableFrom(c) + " " + c.isAssignableFrom(Object.class)
            + " isInstance " + Greeter.class.isInstance(new Person()) + " cast " + Object.class.cast("s"));

        Method[] methods = c.getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())));
        System.out.println("declared methods:");
        for (Method m : methods) System.out.println("  " + sig(m) + (m.isBridge() ? " [bridge]" : ""));
        Field[] fields = c.getDeclaredFields();
        Arrays.sort(fields, Comparator.comparing(Field::getName));
        System.out.println("declared fields:");
        for (Field f : fields) System.out.println("  " + Modifier.toString(f.getModifiers()) + " " + f.getType().getSimpleName() + " " + f.getName()
            + " generic " + f.getGenericType().getTypeName());
        Constructor<?>[] ctors = c.getDeclaredConstructors();
        Arrays.sort(ctors, Comparator.comparingInt(Constructor::getParameterCount));
        System.out.println("constructors:");
        for (Constructor<?> k : ctors) System.out.println("  " + Modifier.toString(k.getModifiers()) + " " + Arrays.stream(k.getParameterTypes()).map(Class::getSimpleName).toList());
        System.out.println("public methods incl. inherited: " + Arrays.stream(c.getMethods()).filter(m -> m.getDeclaringClass() == Object.class).count() + " from Object");

        Object p = c.getConstructor(String.class, int.class).newInstance("ann", 30);
        System.out.println("newInstance: " + p + " instances " + c.getField("instances").getInt(null));
        Method greet = c.getMethod("greet", String.class);
        System.out.println("invoke: " + greet.invoke(p, "bob"));
        System.out.println("invoke via interface Method: " + Greeter.class.getMethod("count").invoke(p));
        System.out.println("static invoke: " + c.getMethod("species").invoke(null));
        System.out.println("primitive args/boxing: " + c.getMethod("sum", int.class, long.class, double.class).invoke(p, 1, 2L, 3.5));
        Method secret = c.getDeclaredMethod("secret", int.class);
        try {
            System.out.println("private from a nestmate without setAccessible: " + secret.invoke(p, 7));
        } catch (IllegalAccessException e) {
            System.out.println("private without setAccessible: " + e.getClass().getSimpleName());
        }
        secret.setAccessible(true);
        System.out.println("private with setAccessible: " + secret.invoke(p, 7));
        try {
            c.getMethod("fail", String.class).invoke(p, "on purpose");
        } catch (InvocationTargetException e) {
            System.out.println("InvocationTargetException cause: " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        }
        try {
            greet.invoke(p, 42);
        } catch (IllegalArgumentException e) {
            System.out.println("wrong argument type: " + e.getClass().getSimpleName());
        }
        try {
            c.getMethod("noSuchMethod");
        } catch (NoSuchMethodException e) {
            System.out.println("NoSuchMethodException: " + e.getMessage());
        }
        try {
            Class.forName("does.not.Exist");
        } catch (ClassNotFoundException e) {
            System.out.println("ClassNotFoundException: " + e.getMessage());
        }
        Constructor<?> priv = c.getDeclaredConstructor(String.class);
        priv.setAccessible(true);
        System.out.println("private constructor: " + priv.newInstance("zed"));
        try {
            Shape.class.getDeclaredConstructor().newInstance();
        } catch (InstantiationException e) {
            System.out.println("abstract newInstance: " + e.getClass().getSimpleName());
        }

        Field name = c.getDeclaredField("name");
        name.setAccessible(true);
        System.out.println("private field get: " + name.get(p));
        name.set(p, "changed");
        System.out.println("private field set: " + p);
        Field age = c.getDeclaredField("age");
        age.setInt(p, 44);
        System.out.println("setInt: " + age.getInt(p) + " getLong widens: " + age.getLong(p));
        try {
            age.set(p, "not an int");
        } catch (IllegalArgumentException e) {
            System.out.println("set wrong type: " + e.getClass().getSimpleName());
        }
        Field inst = c.getField("instances");
        inst.set(null, 100);
        System.out.println("static field set: " + Person.instances);
        Field fin = c.getField("tags");
        System.out.println("final field modifiers: " + Modifier.toString(fin.getModifiers()) + " isFinal " + Modifier.isFinal(fin.getModifiers()));

        Object arr = Array.newInstance(int.class, 4);
        for (int i = 0; i < 4; i++) Array.setInt(arr, i, i * i);
        System.out.println("reflective array: " + Array.getLength(arr) + " " + Arrays.toString((int[]) arr) + " get(3) " + Array.get(arr, 3));
        Object grid = Array.newInstance(String.class, 2, 3);
        System.out.println("multi-dim: " + grid.getClass().getName() + " " + Arrays.deepToString((Object[]) grid));

        try {
            Field value = String.class.getDeclaredField("value");
            value.setAccessible(true);
            System.out.println("setAccessible into java.base succeeded");
        } catch (InaccessibleObjectException e) {
            System.out.println("setAccessible into java.base: " + e.getClass().getSimpleName());
        }
        try {
            Method m = Class.forName("java.util.ArrayList").getDeclaredMethod("grow", int.class);
            m.invoke(new ArrayList<>(), 10);
        } catch (IllegalAccessException e) {
            System.out.println("private JDK method without setAccessible: " + e.getClass().getSimpleName());
        }
        Method cmp = c.getMethod("compareTo", Person.class);
        System.out.println("generic parameter: " + Arrays.toString(c.getGenericInterfaces()) + " " + cmp.getGenericParameterTypes()[0].getTypeName());
        Method getName = c.getMethod("getName");
        System.out.println("declaring class: " + getName.getDeclaringClass().getSimpleName() + " toString: " + getName);
        System.out.println("hashCode of Method equals by name: " + (getName.hashCode() == c.getMethod("getName").hashCode()) + " " + getName.equals(c.getMethod("getName")));

        Greeter proxy = (Greeter) Proxy.newProxyInstance(Main.class.getClassLoader(), new Class<?>[] {Greeter.class}, (self, method, margs) -> {
            if (method.getName().equals("greet")) return "proxied " + margs[0];
            if (method.getName().equals("count")) return 7;
            if (method.getName().equals("toString")) return "ProxyGreeter";
            throw new UnsupportedOperationException(method.getName());
        });
        System.out.println("proxy: " + proxy.greet("you") + " " + proxy.count() + " " + proxy + " isProxyClass " + Proxy.isProxyClass(proxy.getClass()));
    }
}
