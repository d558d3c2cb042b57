// An exception escapes a non-main thread: the default handler prints "Exception in thread "worker" ..." to
// stderr (frames inside the JDK, here Integer.parseInt's, are not compared), the thread dies, and main carries on
// and exits normally with status 0. A second thread's own UncaughtExceptionHandler sees its exception instead.
public class Main {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("main starts");
        Thread worker = new Thread(() -> {
            System.out.println("worker parsing");
            int n = Integer.parseInt("not a number");
            System.out.println("unreached " + n);
        }, "worker");
        worker.start();
        worker.join();
        System.out.println("worker alive after join: " + worker.isAlive());

        Thread handled = new Thread(() -> {
            throw new IllegalStateException("handled elsewhere");
        }, "handled");
        handled.setUncaughtExceptionHandler((t, e) ->
            System.out.println("handler got " + e.getClass().getSimpleName() + " '" + e.getMessage() + "' from " + t.getName()));
        handled.start();
        handled.join();
        System.out.println("main ends normally");
    }
}
