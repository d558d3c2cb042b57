import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

// Exceptions: try/catch/finally ordering (finally after return, finally overriding the return value, return in
// finally swallowing an exception, break/continue through finally), nested handlers and rethrow, multi-catch,
// try-with-resources closing in reverse order with suppressed exceptions, custom checked/unchecked exception
// classes with causes, stack trace elements of a caught exception, printStackTrace of a chain with user frames only.
public class Main {
    static final List<String> log = new ArrayList<>();

    static class AppException extends Exception {
        final int code;

        AppException(String message, int code) {
            super(message);
            this.code = code;
        }

        AppException(String message, Throwable cause) {
            super(message, cause);
            this.code = -1;
        }
    }

    static class ValidationError extends RuntimeException {
        ValidationError(String field) { super("invalid field " + field); }
    }

    static class QuietException extends RuntimeException {
        QuietException() { super("quiet", null, false, false); } // no stack trace, no suppression
    }

    static class Resource implements AutoCloseable {
        final String name;
        final boolean failOnClose;

        Resource(String name, boolean failOnClose) {
            this.name = name;
            this.failOnClose = failOnClose;
            System.out.println("  open " + name);
        }

        @Override
        public void close() {
            System.out.println("  close " + name);
            if (failOnClose) throw new IllegalStateException("close failed: " + name);
        }
    }

    static int finallyAfterReturn() {
        int x = 1;
        try {
            return x;
        } finally {
            x = 2; // does not change the returned value
            System.out.println("  finally runs after return expression, x=" + x);
        }
    }

    @SuppressWarnings("finally")
    static int finallyOverridesReturn() {
        try {
            return 1;
        } finally {
            return 2;
        }
    }

    @SuppressWarnings("finally")
    static String finallySwallows() {
        try {
            throw new RuntimeException("lost");
        } finally {
            return "swallowed";
        }
    }

    static String order(boolean fail) {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append("try ");
            if (fail) throw new IllegalArgumentException("x");
            sb.append("no-throw ");
        } catch (IllegalArgumentException e) {
            sb.append("catch ");
        } finally {
            sb.append("finally");
        }
        return sb.toString();
    }

    static void level3(int n) throws AppException {
        if (n < 0) throw new AppException("negative: " + n, 42);
        if (n == 0) throw new ValidationError("n");
    }

    static void level2(int n) throws AppException {
        try {
            level3(n);
        } finally {
            System.out.println("  level2 finally for " + n);
        }
    }

    static void level1(int n) throws AppException {
        try {
            level2(n);
        } catch (ValidationError e) {
            throw new AppException("wrapped", e);
        }
    }

    static void thrower() {
        throw new UnsupportedOperationException("from thrower");
    }

    public static void main(String[] args) {
        System.out.println("ordering:");
        System.out.println("  " + order(false));
        System.out.println("  " + order(true));
        System.out.println("  returned " + finallyAfterReturn());
        System.out.println("  finally overrides: " + finallyOverridesReturn());
        System.out.println("  finally swallows: " + finallySwallows());
        StringBuilder loop = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            try {
                if (i == 1) continue;
                if (i == 3) break;
                loop.append("body").append(i).append(' ');
            } finally {
                loop.append("fin").append(i).append(' ');
            }
        }
        System.out.println("  loop: " + loop.toString().trim());

        System.out.println("nested and custom:");
        for (int n : new int[] {1, -5, 0}) {
            try {
                level1(n);
                System.out.println("  " + n + " ok");
            } catch (AppException e) {
                System.out.println("  " + n + " -> " + e.getClass().getName() + ": " + e.getMessage() + " code=" + e.code
                    + " cause=" + (e.getCause() == null ? "none" : e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage()));
            }
        }

        System.out.println("multi-catch:");
        for (int i = 0; i < 4; i++) {
            try {
                switch (i) {
                    case 0: throw new IllegalArgumentException("iae");
                    case 1: throw new ArrayIndexOutOfBoundsException("aioobe");
                    case 2: Object o = "s"; Integer bad = (Integer) o; System.out.println(bad); break;
                    default: throw new IOException("io");
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                System.out.println("  first handler: " + e.getClass().getSimpleName() + " " + e.getMessage());
            } catch (ClassCastException | IOException e) {
                System.out.println("  second handler: " + e.getClass().getSimpleName());
            }
        }

        System.out.println("rethrow and catch order:");
        try {
            try {
                thrower();
            } catch (RuntimeException e) {
                System.out.println("  inner caught " + e.getMessage() + ", rethrowing");
                throw e;
            } finally {
                System.out.println("  inner finally");
            }
        } catch (UnsupportedOperationException e) {
            System.out.println("  outer caught " + e.getClass().getSimpleName());
        }
        try {
            try {
                throw new IllegalStateException("first");
            } finally {
                if (args.length == 0) throw new IllegalArgumentException("replaces first");
            }
        } catch (RuntimeException e) {
            System.out.println("  exception from finally replaces: " + e.getMessage() + " suppressed " + e.getSuppressed().length);
        }
        try {
            try {
                throw new IllegalStateException("in try");
            } catch (IllegalStateException e) {
                throw new RuntimeException("in catch", e);
            } finally {
                System.out.println("  finally after throwing catch");
            }
        } catch (RuntimeException e) {
            System.out.println("  got " + e.getMessage() + " caused by " + e.getCause().getMessage());
        }

        System.out.println("try-with-resources:");
        try (Resource a = new Resource("A", false); Resource b = new Resource("B", true); Resource c = new Resource("C", true)) {
            System.out.println("  body");
            throw new IllegalStateException("body failed");
        } catch (IllegalStateException e) {
            System.out.println("  caught " + e.getMessage());
            for (Throwable s : e.getSuppressed()) System.out.println("  suppressed " + s.getMessage());
        } finally {
            System.out.println("  finally");
        }
        try (Resource a = new Resource("D", true)) {
            System.out.println("  body ok");
        } catch (IllegalStateException e) {
            System.out.println("  close exception surfaces: " + e.getMessage() + " suppressed " + e.getSuppressed().length);
        }
        try (Resource nothing = null) {
            System.out.println("  null resource is allowed: " + (nothing == null));
        }
        Resource outer = new Resource("E", false);
        try (outer) {
            System.out.println("  effectively final resource");
        }

        System.out.println("stack traces:");
        try {
            thrower();
        } catch (UnsupportedOperationException e) {
            StackTraceElement top = e.getStackTrace()[0];
            StackTraceElement caller = e.getStackTrace()[1];
            System.out.println("  top: " + top.getClassName() + "." + top.getMethodName() + " " + top.getFileName() + ":" + top.getLineNumber());
            System.out.println("  caller: " + caller.getClassName() + "." + caller.getMethodName() + ":" + caller.getLineNumber());
            System.out.println("  depth: " + e.getStackTrace().length + " toString: " + top);
        }
        Throwable chain = null;
        try {
            level1(0);
        } catch (AppException e) {
            chain = e;
        }
        chain.addSuppressed(new IllegalStateException("extra"));
        chain.printStackTrace(System.out);
        QuietException q = new QuietException();
        q.addSuppressed(new RuntimeException("ignored"));
        System.out.println("  quiet: trace " + q.getStackTrace().length + " suppressed " + q.getSuppressed().length + " " + q);
        Throwable t = new Throwable();
        System.out.println("  bare Throwable: " + t + " message " + t.getMessage() + " localized " + t.getLocalizedMessage());
        Error err = new AssertionError("assert", null);
        System.out.println("  error: " + err);
        try {
            throw new StackOverflowError("fake");
        } catch (VirtualMachineError e) {
            System.out.println("  caught Error subclass: " + e);
        }
        try {
            Object o = null;
            o.hashCode();
        } catch (Exception e) {
            System.out.println("  NPE caught as Exception: " + (e instanceof NullPointerException));
        }
        Exception initCause = new Exception("outer");
        initCause.initCause(new Exception("later cause"));
        try {
            initCause.initCause(new Exception("twice"));
        } catch (IllegalStateException e) {
            System.out.println("  initCause twice: " + e.getClass().getSimpleName());
        }
        System.out.println("  cause set later: " + initCause.getCause().getMessage());
        System.out.println("done");
    }
}
