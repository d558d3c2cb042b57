// Loading malformed class files. The harness compiles every class here, then rewrites some of the .class files
// as corrupt.txt says (bad magic, truncation, an unsupported major version, an unknown constant-pool tag, a
// file whose class has another name). Class.forName on each must fail with the same error class as HotSpot's,
// a second attempt must fail again the same way, and the JVM must carry on normally. Only exception class names
// are printed: the messages are the JVM's own wording.
public class Main {
    static void load(String name) {
        try {
            Class<?> c = Class.forName(name);
            System.out.println(name + ": loaded " + c.getName());
        } catch (Throwable t) {
            System.out.println(name + ": " + t.getClass().getName() + (t instanceof LinkageError ? " (a LinkageError)" : "")
                + (t.getCause() != null ? " caused by " + t.getCause().getClass().getName() : "") + ": " + t.getMessage());
        }
    }

    public static void main(String[] args) {
        load("Good");
        load("BadMagic");
        load("Truncated");
        load("Empty");
        load("FutureVersion");
        load("BadConstantTag");
        load("WrongName");
        load("NoSuchClass");
        System.out.println("again:");
        load("BadMagic");
        load("FutureVersion");
        System.out.println("through a reference from other code:");
        for (int i = 0; i < 2; i++) {
            try {
                System.out.println(UsesBad.make());
            } catch (Throwable t) {
                System.out.println("UsesBad.make: " + t.getClass().getName());
            }
        }
        System.out.println("the JVM carries on: " + new Good().hello());
    }
}
