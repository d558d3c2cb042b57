// Unbounded recursion ends in StackOverflowError, which is catchable like any Error: the program catches it
// (twice, with different frame sizes, and once in a second thread), prints "caught SOE", and shows that the
// stack is usable again afterwards. The depth reached is JVM-specific, so only its plausibility is printed.
public class Main {
    static int depth;

    static void recurse() {
        depth++;
        recurse();
    }

    static long wide(long a, long b, long c, long d, double e, double f) {
        depth++;
        long[] local = {a, b, c, d};
        return wide(a + 1, b, c, d, e, f) + local.length + (long) e;
    }

    static int bounded(int n) {
        return n == 0 ? 0 : 1 + bounded(n - 1);
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            recurse();
            System.out.println("recursion ended?");
        } catch (StackOverflowError e) {
            System.out.println("caught SOE");
        }
        System.out.println("depth was more than 1000: " + (depth > 1000));
        depth = 0;
        try {
            wide(0, 1, 2, 3, 4.0, 5.0);
        } catch (StackOverflowError e) {
            System.out.println("caught SOE again with bigger frames");
        }
        System.out.println("second depth was more than 100: " + (depth > 100));
        System.out.println("stack usable afterwards: " + bounded(2000));
        String[] result = new String[1];
        Thread t = new Thread(() -> {
            try {
                recurse();
            } catch (StackOverflowError e) {
                result[0] = "caught SOE in another thread";
            }
        }, "overflowing");
        t.start();
        t.join();
        System.out.println(result[0]);
        StackOverflowError soe = null;
        try {
            recurse();
        } catch (StackOverflowError e) {
            soe = e;
        }
        StackTraceElement top = soe.getStackTrace()[0];
        System.out.println("top frame: " + top.getClassName() + "." + top.getMethodName() + " trace not empty: " + (soe.getStackTrace().length > 0));
    }
}
