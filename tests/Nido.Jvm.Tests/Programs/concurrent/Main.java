import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

// java.util.concurrent: ExecutorService with Callables and Futures (sum of results), invokeAll, exceptions
// through Future.get, AtomicInteger/AtomicLong/LongAdder/AtomicReference under contention, ConcurrentHashMap
// merge from many threads, CountDownLatch, CyclicBarrier, Semaphore, ReentrantLock with Conditions,
// read-write locks, CompletableFuture chains, BlockingQueue hand-off. Every printed value is independent of
// scheduling.
public class Main {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            final long n = i;
            futures.add(pool.submit(() -> {
                long s = 0;
                for (long k = 1; k <= n * 1000; k++) s += k;
                return s;
            }));
        }
        long total = 0;
        for (Future<Long> f : futures) total += f.get();
        System.out.println("futures summed: " + total + " all done " + futures.stream().allMatch(Future::isDone));

        List<Callable<String>> tasks = new ArrayList<>();
        for (String s : new String[] {"alpha", "beta", "gamma"}) tasks.add(() -> s.toUpperCase());
        StringBuilder sb = new StringBuilder();
        for (Future<String> f : pool.invokeAll(tasks)) sb.append(f.get()).append(' ');
        System.out.println("invokeAll in submission order: " + sb.toString().trim());
        Future<Integer> failing = pool.submit(() -> { throw new IllegalStateException("task failed"); });
        try {
            failing.get();
        } catch (ExecutionException e) {
            System.out.println("ExecutionException cause: " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        }

        AtomicInteger ai = new AtomicInteger();
        AtomicLong al = new AtomicLong();
        LongAdder adder = new LongAdder();
        AtomicReference<String> longest = new AtomicReference<>("");
        ConcurrentHashMap<String, Integer> chm = new ConcurrentHashMap<>();
        CountDownLatch startGate = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(8);
        for (int t = 0; t < 8; t++) {
            final int id = t;
            pool.execute(() -> {
                try {
                    startGate.await();
                    for (int k = 0; k < 10_000; k++) {
                        ai.incrementAndGet();
                        al.addAndGet(k);
                        adder.increment();
                        chm.merge("key" + (k % 5), 1, Integer::sum);
                    }
                    String mine = "t".repeat(id + 1);
                    longest.accumulateAndGet(mine, (a, b) -> a.length() >= b.length() ? a : b);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        startGate.countDown();
        System.out.println("latch awaited: " + done.await(60, TimeUnit.SECONDS) + " count " + done.getCount());
        System.out.println("AtomicInteger " + ai.get() + " AtomicLong " + al.get() + " LongAdder " + adder.sum() + " longest " + longest.get().length());
        System.out.println("ConcurrentHashMap: " + new TreeMap<>(chm) + " sum " + chm.reduceValuesToLong(1, Integer::longValue, 0L, Long::sum));
        System.out.println("CAS: " + ai.compareAndSet(80_000, 1) + " " + ai.compareAndSet(80_000, 2) + " -> " + ai.get()
            + " getAndUpdate " + ai.getAndUpdate(x -> x * 10) + " -> " + ai.get());
        AtomicIntegerArray arr = new AtomicIntegerArray(3);
        arr.addAndGet(1, 5);
        System.out.println("AtomicIntegerArray: " + arr);

        CyclicBarrier barrier = new CyclicBarrier(3, () -> System.out.println("barrier tripped once by the last arriving party"));
        List<Future<Integer>> parties = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final int v = i;
            parties.add(pool.submit(() -> {
                barrier.await();
                return v * 10;
            }));
        }
        int barrierSum = 0;
        for (Future<Integer> f : parties) barrierSum += f.get();
        System.out.println("after barrier: " + barrierSum);

        Semaphore sem = new Semaphore(2);
        AtomicInteger inside = new AtomicInteger(), maxInside = new AtomicInteger();
        List<Future<?>> semTasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            semTasks.add(pool.submit(() -> {
                sem.acquireUninterruptibly();
                try {
                    int now = inside.incrementAndGet();
                    maxInside.accumulateAndGet(now, Math::max);
                    Thread.sleep(5);
                    inside.decrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    sem.release();
                }
            }));
        }
        for (Future<?> f : semTasks) f.get();
        System.out.println("semaphore bound respected: " + (maxInside.get() <= 2) + " permits back " + sem.availablePermits());

        ReentrantLock lock = new ReentrantLock();
        Condition notEmpty = lock.newCondition();
        List<Integer> box = new ArrayList<>();
        Future<Integer> taker = pool.submit(() -> {
            lock.lock();
            try {
                while (box.isEmpty()) notEmpty.await();
                return box.remove(0);
            } finally {
                lock.unlock();
            }
        });
        lock.lock();
        try {
            box.add(99);
            notEmpty.signalAll();
            System.out.println("lock held by main: " + lock.isHeldByCurrentThread() + " hold count " + lock.getHoldCount());
        } finally {
            lock.unlock();
        }
        System.out.println("condition hand-off: " + taker.get());
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        rw.readLock().lock();
        rw.readLock().lock();
        System.out.println("read holds: " + rw.getReadHoldCount() + " write locked: " + rw.isWriteLocked());
        rw.readLock().unlock();
        rw.readLock().unlock();

        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Future<String> joined = pool.submit(() -> {
            StringBuilder got = new StringBuilder();
            for (String s; !(s = q.take()).equals("END"); ) got.append(s);
            return got.toString();
        });
        for (String s : new String[] {"a", "b", "c", "END"}) q.put(s);
        System.out.println("blocking queue: " + joined.get());
        SynchronousQueue<Integer> sq = new SynchronousQueue<>();
        Future<?> offerer = pool.submit(() -> {
            try {
                sq.put(7);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.out.println("synchronous queue: " + sq.take());
        offerer.get();

        CompletableFuture<Integer> cf = CompletableFuture.supplyAsync(() -> 6, pool).thenApply(x -> x * 7).thenCombine(CompletableFuture.completedFuture(100), Integer::sum);
        System.out.println("CompletableFuture: " + cf.get());
        CompletableFuture<String> recovered = CompletableFuture.<String>supplyAsync(() -> { throw new IllegalArgumentException("boom"); }, pool)
            .exceptionally(e -> "recovered from " + e.getCause().getClass().getSimpleName());
        System.out.println(recovered.join());
        System.out.println("allOf: " + CompletableFuture.allOf(CompletableFuture.runAsync(() -> { }, pool)).thenApply(v -> "all complete").get());

        ScheduledExecutorService sched = Executors.newSingleThreadScheduledExecutor();
        ScheduledFuture<String> later = sched.schedule(() -> "scheduled result", 10, TimeUnit.MILLISECONDS);
        System.out.println(later.get());
        sched.shutdown();

        pool.shutdown();
        System.out.println("terminated: " + pool.awaitTermination(60, TimeUnit.SECONDS) + " isShutdown " + pool.isShutdown());
        try {
            pool.submit(() -> 1);
        } catch (RejectedExecutionException e) {
            System.out.println("submit after shutdown: " + e.getClass().getSimpleName());
        }
        Map<String, Integer> csl = new ConcurrentSkipListMap<>(Map.of("b", 2, "a", 1, "c", 3));
        System.out.println("ConcurrentSkipListMap: " + csl);
        CopyOnWriteArrayList<Integer> cow = new CopyOnWriteArrayList<>(List.of(1, 2, 3));
        for (Integer i : cow) cow.add(i * 10); // snapshot iteration, no ConcurrentModificationException
        System.out.println("CopyOnWriteArrayList: " + cow);
    }
}
