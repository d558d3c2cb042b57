// Thread states around monitors: BLOCKED while entering a held monitor, WAITING/TIMED_WAITING in wait, and
// BLOCKED again once notified (or interrupted) while the notifier still holds the monitor.
public class Main {
    static final Object lock = new Object();
    public static void main(String[] args) throws Exception {
        // case 1: thread contending on monitor entry
        Thread a = new Thread(() -> { synchronized (lock) { } });
        synchronized (lock) {
            a.start();
            Thread.sleep(100);
            System.out.println("entry contention: " + a.getState());
        }
        a.join();
        // case 2: thread notified but must re-acquire the monitor
        Thread b = new Thread(() -> { synchronized (lock) { try { lock.wait(); } catch (InterruptedException e) {} } });
        b.start();
        while (b.getState() != Thread.State.WAITING) Thread.sleep(1);
        synchronized (lock) {
            lock.notify();
            Thread.sleep(100);
            System.out.println("after notify: " + b.getState());
        }
        b.join();
        // case 3: timed wait notified
        Thread c = new Thread(() -> { synchronized (lock) { try { lock.wait(10000); } catch (InterruptedException e) {} } });
        c.start();
        while (c.getState() != Thread.State.TIMED_WAITING) Thread.sleep(1);
        synchronized (lock) {
            lock.notify();
            Thread.sleep(100);
            System.out.println("after notify timed: " + c.getState());
        }
        c.join();
    }
}
