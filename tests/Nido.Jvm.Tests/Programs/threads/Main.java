import java.util.ArrayList;
import java.util.List;

// Threads and monitors: start/join, a synchronized counter hammered by several threads (the total is exact),
// unsynchronized work on disjoint data, wait/notifyAll in a bounded buffer (the consumer prints, so the sequence is
// deterministic), a volatile stop flag, interrupting a sleeping thread and a waiting thread, Thread.currentThread
// names, thread states that do not race, synchronized static methods and re-entrant locking. Only main and the
// single consumer print while other threads run.
public class Main {
    static int counter;
    static long staticCounter;
    static volatile boolean stop;

    static synchronized void incStatic() { staticCounter++; }

    static final class Counter {
        private int n;

        synchronized void inc() { n++; }

        synchronized int get() { return n; }

        synchronized int reentrant(int depth) { return depth == 0 ? n : reentrant(depth - 1); }
    }

    static final class BoundedBuffer {
        private final int[] items = new int[4];
        private int head, tail, size;

        synchronized void put(int v) throws InterruptedException {
            while (size == items.length) wait();
            items[tail] = v;
            tail = (tail + 1) % items.length;
            size++;
            notifyAll();
        }

        synchronized int take() throws InterruptedException {
            while (size == 0) wait();
            int v = items[head];
            head = (head + 1) % items.length;
            size--;
            notifyAll();
            return v;
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("main thread: " + Thread.currentThread().getName() + " daemon " + Thread.currentThread().isDaemon());
        interruptsAreConsumedOnce();

        Thread t = new Thread(() -> counter = 42, "setter");
        System.out.println("before start: " + t.getState() + " alive " + t.isAlive() + " name " + t.getName());
        t.start();
        t.join();
        System.out.println("after join: " + t.getState() + " alive " + t.isAlive() + " counter " + counter);

        Counter c = new Counter();
        Object lock = new Object();
        int[] plain = new int[1];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread w = new Thread(() -> {
                for (int k = 0; k < 20_000; k++) {
                    c.inc();
                    incStatic();
                    synchronized (lock) { plain[0]++; }
                }
            }, "worker-" + i);
            threads.add(w);
        }
        for (Thread w : threads) w.start();
        for (Thread w : threads) w.join();
        System.out.println("synchronized counter: " + c.get() + " static synchronized: " + staticCounter + " synchronized block: " + plain[0]
            + " reentrant: " + c.reentrant(50));

        long[] partial = new long[4];
        Thread[] summers = new Thread[4];
        for (int i = 0; i < 4; i++) {
            final int idx = i;
            summers[i] = new Thread(() -> {
                long s = 0;
                for (int k = idx * 250_000; k < (idx + 1) * 250_000; k++) s += k;
                partial[idx] = s;
            });
            summers[i].start();
        }
        long total = 0;
        for (int i = 0; i < 4; i++) {
            summers[i].join();
            total += partial[i];
        }
        System.out.println("partitioned sum 0..999999: " + total);

        BoundedBuffer buf = new BoundedBuffer();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 1; i <= 20; i++) buf.put(i * i);
                buf.put(-1);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        }, "producer");
        StringBuilder consumed = new StringBuilder();
        Thread consumer = new Thread(() -> {
            try {
                for (int v; (v = buf.take()) != -1; ) consumed.append(v).append(' ');
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        }, "consumer");
        consumer.start();
        producer.start();
        producer.join();
        consumer.join();
        System.out.println("consumed in order: " + consumed.toString().trim());

        long[] spins = new long[1];
        Thread spinner = new Thread(() -> {
            while (!stop) spins[0]++;
        }, "spinner");
        spinner.start();
        Thread.sleep(20);
        stop = true;
        spinner.join();
        System.out.println("volatile flag stopped spinner: " + !spinner.isAlive() + " spun " + (spins[0] > 0));

        Object started = new Object();
        boolean[] ready = new boolean[1];
        String[] outcome = new String[1];
        Thread sleeper = new Thread(() -> {
            synchronized (started) {
                ready[0] = true;
                started.notifyAll();
            }
            try {
                Thread.sleep(60_000);
                outcome[0] = "slept fully";
            } catch (InterruptedException e) {
                outcome[0] = "interrupted while sleeping, flag now " + Thread.currentThread().isInterrupted();
            }
        }, "sleeper");
        sleeper.start();
        synchronized (started) {
            while (!ready[0]) started.wait();
        }
        sleeper.interrupt();
        sleeper.join();
        System.out.println(outcome[0]);

        Object monitor = new Object();
        Thread waiter = new Thread(() -> {
            synchronized (monitor) {
                try {
                    monitor.wait();
                    outcome[0] = "woke normally";
                } catch (InterruptedException e) {
                    outcome[0] = "interrupted while waiting";
                }
            }
        }, "waiter");
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) Thread.sleep(1);
        System.out.println("waiter state: " + waiter.getState());
        waiter.interrupt();
        waiter.join();
        System.out.println(outcome[0]);

        // A thread waiting to enter a monitor another thread holds is BLOCKED until it gets it.
        Object held = new Object();
        Thread blocked;
        synchronized (held) {
            blocked = new Thread(() -> { synchronized (held) { counter++; } }, "blocked");
            blocked.start();
            while (blocked.getState() != Thread.State.BLOCKED) Thread.sleep(1);
            System.out.println("thread at a held monitor: " + blocked.getState());
        }
        blocked.join();
        System.out.println("after the monitor was released: " + blocked.getState());

        Thread.currentThread().interrupt();
        System.out.println("self-interrupt: interrupted() " + Thread.interrupted() + " then " + Thread.interrupted());
        Thread.currentThread().interrupt();
        try {
            Thread.sleep(10);
            System.out.println("sleep with pending interrupt did not throw");
        } catch (InterruptedException e) {
            System.out.println("sleep with pending interrupt throws at once, flag cleared: " + !Thread.currentThread().isInterrupted());
        }
        try {
            monitor.notify();
        } catch (IllegalMonitorStateException e) {
            System.out.println("notify without owning monitor: " + e.getClass().getSimpleName());
        }
        System.out.println("holdsLock: " + Thread.holdsLock(monitor) + " " + holds(monitor));

        ThreadLocal<String> tl = ThreadLocal.withInitial(() -> "initial");
        tl.set("main value");
        String[] seen = new String[1];
        Thread tlThread = new Thread(() -> seen[0] = tl.get());
        tlThread.start();
        tlThread.join();
        System.out.println("ThreadLocal: main sees '" + tl.get() + "', other thread sees '" + seen[0] + "'");
        Thread named = new Thread(() -> { }, "custom-name");
        named.setPriority(Thread.MAX_PRIORITY);
        System.out.println("priority " + named.getPriority() + " group " + named.getThreadGroup().getName() + " daemon " + named.isDaemon());
        System.out.println("done");
    }

    static boolean holds(Object o) {
        synchronized (o) {
            return Thread.holdsLock(o);
        }
    }

    // A sleep or wait that throws InterruptedException clears the flag for good, however the interrupt races with it.
    static void interruptsAreConsumedOnce() throws InterruptedException {
        int[] left = new int[2];
        Object lock = new Object();
        for (int i = 0; i < 300; i++) {
            Thread sleeper = new Thread(() -> {
                try { Thread.sleep(10_000); } catch (InterruptedException e) { if (Thread.currentThread().isInterrupted()) left[0]++; }
            });
            sleeper.start();
            sleeper.interrupt();
            sleeper.join();
        }
        for (int i = 0; i < 300; i++) {
            Thread waiter = new Thread(() -> {
                synchronized (lock) { try { lock.wait(10_000); } catch (InterruptedException e) { if (Thread.currentThread().isInterrupted()) left[1]++; } }
            });
            waiter.start();
            waiter.interrupt();
            waiter.join();
        }
        System.out.println("interrupt flags left set after InterruptedException: sleep " + left[0] + ", wait " + left[1]);
    }
}
