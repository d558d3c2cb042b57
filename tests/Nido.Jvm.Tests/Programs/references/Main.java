import java.lang.ref.Cleaner;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

// Weak, soft and phantom references, ReferenceQueue, WeakHashMap and Cleaner, under -Xmx32m (run.txt). Referents
// are made in separate methods so no local of main keeps them; what a collector may or may not do at its own pace
// (how many soft referents go) is printed only as a yes/no the JLS guarantees.
public class Main {
    static final class Payload {
        final int id;
        Payload(int id) { this.id = id; }
    }

    static WeakReference<Payload> weakTo(int id, ReferenceQueue<Payload> q) {
        return q == null ? new WeakReference<>(new Payload(id)) : new WeakReference<>(new Payload(id), q);
    }

    static PhantomReference<Payload> phantomTo(int id, ReferenceQueue<Payload> q) {
        return new PhantomReference<>(new Payload(id), q);
    }

    static void gc() {
        System.gc();
    }

    public static void main(String[] args) throws Exception {
        // A strongly reachable referent survives; an unreachable one is cleared by System.gc.
        Payload kept = new Payload(1);
        WeakReference<Payload> strong = new WeakReference<>(kept);
        WeakReference<Payload> weak = weakTo(2, null);
        System.out.println("before gc: " + (weak.get() != null) + " " + strong.get().id);
        gc();
        System.out.println("after gc: weak cleared " + (weak.get() == null) + ", kept " + strong.get().id
                + ", refersTo(kept) " + strong.refersTo(kept) + ", refersTo(null) " + weak.refersTo(null));

        // A loop variable whose scope ended is no root (as HotSpot's interpreter oop maps decide), also after a loop
        // long enough to be compiled.
        WeakReference<Payload> last = null;
        for (int i = 0; i < 3; i++) {
            Payload p = new Payload(i);
            last = new WeakReference<>(p);
        }
        gc();
        System.out.println("loop variable's object collected: " + (last.get() == null));
        long sum = 0;
        for (int i = 0; i < 200_000; i++) {
            Payload p = new Payload(i);
            sum += p.id;
            if (i == 199_999) last = new WeakReference<>(p);
        }
        gc();
        System.out.println("after a hot loop: " + (last.get() == null) + " " + sum);

        // Registered with a queue: the cleared reference is enqueued and remove() returns it.
        ReferenceQueue<Payload> queue = new ReferenceQueue<>();
        WeakReference<Payload> queued = weakTo(3, queue);
        System.out.println("poll before gc: " + queue.poll());
        gc();
        Reference<? extends Payload> removed = queue.remove(10_000);
        System.out.println("removed the same reference: " + (removed == queued) + ", cleared " + (queued.get() == null));
        System.out.println("queue empty again: " + (queue.remove(50) == null));

        // enqueue() by the program clears and enqueues once.
        WeakReference<Payload> manual = new WeakReference<>(kept, queue);
        System.out.println("enqueue: " + manual.enqueue() + " again: " + manual.enqueue() + " cleared: " + (manual.get() == null)
                + " polled: " + (queue.poll() == manual));
        WeakReference<Payload> cleared = new WeakReference<>(new Payload(4), queue);
        cleared.clear();
        gc();
        System.out.println("cleared reference not enqueued: " + (queue.remove(200) == null));

        // Phantom references: get() is always null; enqueued (and cleared) once the referent is unreachable.
        ReferenceQueue<Payload> phantoms = new ReferenceQueue<>();
        List<PhantomReference<Payload>> ps = new ArrayList<>();
        for (int i = 0; i < 10; i++) ps.add(phantomTo(100 + i, phantoms));
        System.out.println("phantom get: " + ps.get(0).get());
        gc();
        int got = 0;
        while (got < 10 && phantoms.remove(10_000) != null) got++;
        System.out.println("phantoms enqueued: " + got + ", all refer to null: " + ps.stream().allMatch(p -> p.refersTo(null)));

        // WeakHashMap drops entries whose keys are gone.
        Map<Object, String> map = new WeakHashMap<>();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Object key = new Payload(i);
            map.put(key, "v" + i);
            if (i % 10 == 0) keys.add(key);
        }
        System.out.println("map size: " + map.size());
        for (int i = 0; i < 50 && map.size() != 10; i++) {
            gc();
            Thread.sleep(20);
        }
        System.out.println("map size after gc: " + map.size() + ", kept keys present: " + keys.stream().allMatch(map::containsKey));

        // Cleaner runs the action once its object is phantom reachable, and at most once.
        Cleaner cleaner = Cleaner.create();
        CountDownLatch latch = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) cleaner.register(new Payload(i), latch::countDown);
        Cleaner.Cleanable explicit = cleaner.register(kept, () -> System.out.println("explicit clean ran"));
        explicit.clean();
        explicit.clean();
        gc();
        System.out.println("cleaner actions ran: " + latch.await(10, TimeUnit.SECONDS));

        // Soft references survive a System.gc while memory is plentiful, and are all cleared before OutOfMemoryError.
        SoftReference<byte[]> soft = new SoftReference<>(new byte[1024]);
        gc();
        System.out.println("soft survives gc: " + (soft.get() != null));
        List<SoftReference<byte[]>> cache = new ArrayList<>();
        ReferenceQueue<byte[]> softQueue = new ReferenceQueue<>();
        try {
            for (int i = 0; i < 200; i++) cache.add(new SoftReference<>(new byte[1 << 20], softQueue));
            System.out.println("200 MiB through soft references without OutOfMemoryError");
        } catch (OutOfMemoryError e) {
            System.out.println("OutOfMemoryError with soft references: " + e);
        }
        long clearedSoft = cache.stream().filter(s -> s.get() == null).count();
        System.out.println("some soft references cleared: " + (clearedSoft > 0) + ", not all kept: " + (clearedSoft >= 170));
        int enqueuedSoft = 0;
        while (softQueue.remove(2_000) != null) enqueuedSoft++;
        System.out.println("cleared soft references enqueued: " + (enqueuedSoft == clearedSoft));
        Reference.reachabilityFence(kept);
        System.out.println("done");
    }
}
