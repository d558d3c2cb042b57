// Exits with the code given as its argument via System.exit from inside a try: the finally block must not run,
// the shutdown hook must. Writes one line to stderr too.
public class Main {
    public static void main(String[] args) {
        int code = Integer.parseInt(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("exiting with " + code);
        System.err.println("stderr: exiting with " + code);
        try {
            System.exit(code);
        } finally {
            System.out.println("finally must not run");
        }
    }
}
