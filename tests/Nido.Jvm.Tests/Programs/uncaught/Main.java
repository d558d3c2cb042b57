// An exception escapes main: the JVM prints "Exception in thread "main" ..." with the stack trace, its cause
// ("Caused by: ... ... N more") and a suppressed exception to stderr and exits with status 1. stdout written before
// the throw must still appear.
public class Main {
    public static void main(String[] args) {
        System.out.println("before the exception");
        a(3);
        System.out.println("not reached");
    }

    static void a(int n) {
        b(n);
    }

    static void b(int n) {
        try {
            c(n);
        } catch (IllegalArgumentException e) {
            IllegalStateException wrapped = new IllegalStateException("wrapped failure " + n, e);
            wrapped.addSuppressed(new UnsupportedOperationException("cleanup failed"));
            throw wrapped;
        }
    }

    static void c(int n) {
        if (n > 0) c(n - 1);
        else throw new IllegalArgumentException("bad argument");
    }
}
