import java.util.concurrent.CountDownLatch;

// JVM exit rules: main returns while a daemon thread is still looping (the JVM exits without waiting for it)
// and while a non-daemon thread still has work (the JVM waits for it; its line comes after main's). Exit code 0.
public class Main {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        CountDownLatch daemonRunning = new CountDownLatch(1);
        Thread daemon = new Thread(() -> {
            daemonRunning.countDown();
            while (true) {
                sink++;
                if ((sink & 0xFFFFF) == 0) Thread.onSpinWait();
            }
        }, "busy-daemon");
        daemon.setDaemon(true);
        daemon.start();

        Thread sleepyDaemon = new Thread(() -> {
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                System.out.println("sleepy daemon interrupted (unexpected)");
            }
        }, "sleepy-daemon");
        sleepyDaemon.setDaemon(true);
        sleepyDaemon.start();

        CountDownLatch mainReturned = new CountDownLatch(1);
        Thread lingering = new Thread(() -> {
            try {
                mainReturned.await();
                Thread.sleep(100);
                System.out.println("non-daemon thread finishes after main returned");
            } catch (InterruptedException e) {
                System.out.println("interrupted (unexpected)");
            }
        }, "lingering");
        lingering.start();

        daemonRunning.await();
        System.out.println("daemon is daemon: " + daemon.isDaemon() + ", alive: " + daemon.isAlive() + ", lingering is daemon: " + lingering.isDaemon());
        try {
            daemon.setDaemon(false);
        } catch (IllegalThreadStateException e) {
            System.out.println("setDaemon on a started thread: " + e.getClass().getSimpleName());
        }
        System.out.println("main returns");
        mainReturned.countDown();
    }
}
