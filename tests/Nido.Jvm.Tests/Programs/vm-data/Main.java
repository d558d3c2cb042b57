import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

// Objects of the classes whose instances carry VM-side data (Class, Thread, ClassLoader, Reference, MemberName) and
// of their subclasses with fields of their own: the data and the fields must not overlap, and a clone must not share
// the original's data.
public class Main {
    public static class Thing {
        public static String where() { return "thing"; }
    }

    static class CloneableLoader extends ClassLoader implements Cloneable {
        final String label;
        int defined;

        CloneableLoader(String label) {
            super(Main.class.getClassLoader());
            this.label = label;
        }

        Class<?> define(String name) throws Exception {
            try (InputStream in = Main.class.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
                byte[] bytes = in.readAllBytes();
                defined++;
                return defineClass(name, bytes, 0, bytes.length);
            }
        }

        CloneableLoader copy() throws CloneNotSupportedException { return (CloneableLoader) clone(); }
    }

    static class Worker extends Thread {
        long sum;
        final int upTo;
        String seen;

        Worker(int upTo) { this.upTo = upTo; }

        @Override public void run() {
            for (int i = 1; i <= upTo; i++) sum += i;
            seen = Thread.currentThread() == this ? "itself" : "another thread";
        }
    }

    static class Tagged<T> extends WeakReference<T> {
        final String tag;
        final long stamp;

        Tagged(T referent, ReferenceQueue<? super T> queue, String tag, long stamp) {
            super(referent, queue);
            this.tag = tag;
            this.stamp = stamp;
        }
    }

    public static void main(String[] args) throws Throwable {
        CloneableLoader first = new CloneableLoader("first");
        Class<?> a = first.define("Main$Thing");
        // A clone shares the original's loader data (HotSpot's clone copies the injected fields too): defining the
        // class again through it is a duplicate definition.
        CloneableLoader copy = first.copy();
        System.out.println("clone label " + copy.label + ", defined " + copy.defined);
        try {
            copy.define("Main$Thing");
            System.out.println("defined again through the clone");
        } catch (LinkageError e) {
            System.out.println("through the clone: " + e.getClass().getName());
        }
        System.out.println("found through the clone: " + (Class.forName("Main$Thing", false, copy) == a));
        CloneableLoader second = new CloneableLoader("second");
        Class<?> b = second.define("Main$Thing");
        System.out.println("distinct classes: " + (a != b));
        System.out.println("loaders: " + (a.getClassLoader() == first) + " " + (b.getClassLoader() == second));
        System.out.println("app's own: " + (Thing.class != a && Thing.class != b));
        System.out.println("calls: " + a.getDeclaredMethod("where").invoke(null) + " " + b.getDeclaredMethod("where").invoke(null));
        System.out.println("counts: " + first.defined + " " + copy.defined + " " + second.defined);

        List<Worker> workers = new ArrayList<>();
        for (int i = 1; i <= 4; i++) workers.add(new Worker(i * 1000));
        for (Worker w : workers) w.start();
        for (Worker w : workers) {
            w.join();
            System.out.println(w.upTo + ": " + w.sum + " by " + w.seen + ", alive " + w.isAlive());
        }
        Worker idle = new Worker(0);
        idle.interrupt();
        System.out.println("interrupted before start: " + idle.isInterrupted());

        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        List<Tagged<Object>> refs = new ArrayList<>();
        Object kept = new Object();
        for (int i = 0; i < 3; i++) refs.add(new Tagged<>(i == 1 ? kept : new Object(), queue, "r" + i, 1000L + i));
        for (int i = 0; i < 10 && queue.poll() == null; i++) System.gc();
        System.gc();
        for (Tagged<Object> r : refs)
            System.out.println(r.tag + " " + r.stamp + " cleared " + (r.get() == null));
        System.out.println("kept " + (refs.get(1).get() == kept));

        MethodHandle length = MethodHandles.lookup().findVirtual(String.class, "length", MethodType.methodType(int.class));
        MethodHandle where = MethodHandles.lookup().findStatic(Thing.class, "where", MethodType.methodType(String.class));
        System.out.println("handles: " + (int) length.invokeExact("four") + " " + (String) where.invokeExact());

        Class<?>[] mirrors = { int.class, Thing[].class, a, b, Worker.class };
        for (Class<?> c : mirrors) {
            System.out.print(c.getName() + " " + (c.getClassLoader() == null ? "boot" : "loader"));
            // A Main$Thing of another loader is not the inner class Main (the app's) lists: the two disagree.
            try {
                System.out.println(" " + c.getSimpleName() + " in " + c.getDeclaringClass());
            } catch (IncompatibleClassChangeError e) {
                System.out.println(" " + e);
            }
        }
        Runnable local = new Runnable() { public void run() { } };
        System.out.println("anonymous: " + local.getClass().getDeclaringClass() + " " + local.getClass().getEnclosingClass().getName());
    }
}
