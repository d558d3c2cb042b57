import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

// Object.finalize(): run once for each unreachable instance of a class that overrides it with a non-empty body,
// on the Finalizer thread; an exception it throws is ignored; an object it stores again lives on and is not
// finalized a second time; weak references to it are cleared first.
@SuppressWarnings("removal")
public class Main {
    static final AtomicInteger finalized = new AtomicInteger();
    static final ConcurrentSkipListSet<Integer> ids = new ConcurrentSkipListSet<>();
    static volatile Main saved;
    static volatile String thread;
    final int id;

    Main(int id) { this.id = id; }

    @Override
    protected void finalize() {
        thread = Thread.currentThread().getName();
        ids.add(id);
        finalized.incrementAndGet();
        if (id == 7) saved = this;
    }

    static class Quiet { @Override protected void finalize() { } }
    static class Throws extends Main {
        Throws(int id) { super(id); }
        @Override protected void finalize() { super.finalize(); throw new IllegalStateException("ignored"); }
    }
    static class Child extends Main { Child(int id) { super(id); } }
    static class Pair extends Main {
        Main other;
        Pair(int id, Main other) { super(id); this.other = other; }
    }

    static void waitFor(int n) throws InterruptedException {
        for (int i = 0; i < 500 && finalized.get() < n; i++) {
            System.gc();
            System.runFinalization();
            Thread.sleep(5);
        }
    }

    static void settle() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            System.runFinalization();
            Thread.sleep(20);
        }
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 10; i++) new Main(i);
        waitFor(10);
        System.out.println("finalized " + finalized.get() + " " + ids);
        System.out.println("on a finalizer thread " + thread.endsWith("inalizer"));
        System.out.println("resurrected " + (saved != null ? saved.id : -1));

        saved = null;
        settle();
        System.out.println("finalized once: " + finalized.get());

        for (int i = 0; i < 5; i++) new Throws(20 + i);
        new Child(30);
        new Pair(40, new Main(41));
        for (int i = 0; i < 3; i++) new Quiet();
        waitFor(18);
        System.out.println("subclasses " + finalized.get() + " " + ids.tailSet(20));

        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        Object o = new Main(100);
        WeakReference<Object> weak = new WeakReference<>(o, queue);
        o = null;
        waitFor(19);
        System.out.println("weak cleared " + (weak.get() == null) + ", finalized " + finalized.get());

        for (int i = 0; i < 20000; i++) new Main(1000 + i);
        waitFor(20019);
        System.out.println("many " + finalized.get() + " distinct " + ids.size());
        int[] kept = new int[1];
        Main alive = new Main(-1);
        settle();
        System.out.println("reachable not finalized " + !ids.contains(-1) + " " + alive.id + kept.length);
    }
}
