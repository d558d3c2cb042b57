import java.util.ArrayList;
import java.util.List;

/**
 * Synchronized methods once they are hot (compiled): mutual exclusion under contention, static ones locking the
 * class, re-entry and recursion, monitors released when the method throws (caught inside or not), wait/notify
 * from within, and Thread.holdsLock.
 */
public class Main {
    private long count;
    private static long total;
    private final List<Integer> log = new ArrayList<>();

    synchronized void increment() { count++; }

    static synchronized void add(long n) { total += n; }

    synchronized int depth(int n) { return n == 0 ? (Thread.holdsLock(this) ? 1 : -1000) : 1 + depth(n - 1); }

    synchronized int failing(int i) {
        if (i % 1000 == 999) throw new IllegalStateException("failing " + i);
        return i;
    }

    synchronized int catching(int i) {
        try {
            if (i % 3 == 0) throw new RuntimeException("caught " + i);
            return 1;
        } catch (RuntimeException e) {
            return e.getMessage().length() > 0 ? 2 : 0;
        }
    }

    synchronized void record(int v) { if (v % 5000 == 0) log.add(v); }

    private boolean ready;

    synchronized void await() throws InterruptedException { while (!ready) wait(); }

    synchronized void signal() { ready = true; notifyAll(); }

    public static void main(String[] args) throws Exception {
        Main m = new Main();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50000; i++) { m.increment(); add(2); m.record(i); }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        System.out.println("count " + m.count + " total " + total + " log " + m.log.size());

        long depthSum = 0;
        for (int i = 0; i < 5000; i++) depthSum += m.depth(i % 50);
        System.out.println("depth sum " + depthSum);

        int thrown = 0;
        long sum = 0;
        for (int i = 0; i < 20000; i++) {
            try {
                sum += m.failing(i);
            } catch (IllegalStateException e) {
                thrown++;
            }
        }
        System.out.println("failing: sum " + sum + " thrown " + thrown + " lock free " + !Thread.holdsLock(m));
        Thread other = new Thread(() -> m.increment());
        other.start();
        other.join();
        System.out.println("another thread got the monitor after the throws: count " + m.count);

        int caught = 0;
        for (int i = 0; i < 30000; i++) caught += m.catching(i);
        System.out.println("catching " + caught);

        Thread waiter = new Thread(() -> {
            try {
                for (int i = 0; i < 3000; i++) m.increment();
                m.await();
                System.out.println("waiter woke, holds lock inside: " + Thread.holdsLock(m));
            } catch (InterruptedException e) {
                System.out.println("interrupted");
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) Thread.sleep(1);
        m.signal();
        waiter.join();
        System.out.println("final count " + m.count + " holds " + Thread.holdsLock(m));
    }
}
