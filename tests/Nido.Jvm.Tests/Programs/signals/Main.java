// Java handlers of OS signals (sun.misc.Signal over jdk.internal.misc.Signal): a handler runs on a thread of its
// own when the signal arrives, the VM's own signals are refused, SIG_IGN ignores, and with SIG_DFL back the signal
// ends the process by its default action (status 128 + 10), shutdown hooks not run.
import sun.misc.Signal;
import sun.misc.SignalHandler;
import java.util.concurrent.CountDownLatch;

public class Main {
    static void kill(String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch raised = new CountDownLatch(1), sent = new CountDownLatch(1);
        SignalHandler old = Signal.handle(new Signal("USR1"), s -> {
            System.out.println("got " + s + " " + s.getNumber() + " on " + Thread.currentThread().getName());
            if (raised.getCount() > 0) raised.countDown(); else sent.countDown();
        });
        System.out.println("previous " + old);
        Signal.raise(new Signal("USR1"));
        raised.await();
        kill("USR1");
        sent.await();
        for (String name : new String[] {"QUIT", "SEGV", "KILL", "NOPE"}) {
            try {
                Signal.handle(new Signal(name), s -> {});
            } catch (IllegalArgumentException e) {
                System.out.println(e.getMessage());
            }
        }
        SignalHandler replaced = Signal.handle(new Signal("USR1"), SignalHandler.SIG_IGN);
        System.out.println("replaced a handler: " + (replaced != SignalHandler.SIG_DFL && replaced != SignalHandler.SIG_IGN));
        kill("USR1");
        Thread.sleep(200);
        System.out.println("ignored");
        System.out.println("before default: " + Signal.handle(new Signal("USR1"), SignalHandler.SIG_DFL));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook (not run)")));
        System.out.flush();
        kill("USR1");
        Thread.sleep(5000);
        System.out.println("not reached");
    }
}
