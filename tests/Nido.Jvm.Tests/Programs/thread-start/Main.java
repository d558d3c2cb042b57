import java.util.concurrent.atomic.AtomicInteger;

// Thread lifecycles in bulk (each start reuses an ended thread's stacks) and a thread created with a large
// stackSize, whose deep recursion the default stack would not hold.
public class Main {
    static int rec(int n) { return n == 0 ? 0 : 1 + rec(n - 1); }

    public static void main(String[] args) throws Exception {
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 3000; i++) {
            Thread t = new Thread(ran::incrementAndGet);
            t.start();
            t.join();
        }
        System.out.println("ran " + ran.get());
        Thread[] batch = new Thread[50];
        for (int i = 0; i < batch.length; i++) (batch[i] = new Thread(ran::incrementAndGet)).start();
        for (Thread t : batch) t.join();
        System.out.println("ran " + ran.get());
        Thread big = new Thread(null, () -> System.out.println("depth " + rec(100000)), "big", 1L << 28);
        big.start();
        big.join();
    }
}
