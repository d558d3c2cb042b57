import java.nio.file.Path;
import java.nio.file.Paths;

// The JVM's environment as a program sees it: system properties (standard ones whose values are fixed on
// Linux/JDK 17, -D properties from the command line in run.txt, runtime set/clear), environment variables (one
// set by run.txt, NIDO_PROGRAM which the harness sets for every program, an unset one), the working directory,
// Runtime facts printed as booleans, clocks.
public class Main {
    static String show(String s) {
        return s == null ? "null" : "\"" + s.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    public static void main(String[] args) {
        System.out.println("line.separator " + show(System.getProperty("line.separator")) + " lineSeparator() " + show(System.lineSeparator()));
        System.out.println("file.separator " + show(System.getProperty("file.separator")) + " path.separator " + show(System.getProperty("path.separator")));
        System.out.println("java.specification.version " + show(System.getProperty("java.specification.version"))
            + " java.class.version " + show(System.getProperty("java.class.version")));
        System.out.println("java.vm.specification.version " + show(System.getProperty("java.vm.specification.version"))
            + " java.specification.name " + show(System.getProperty("java.specification.name")));
        System.out.println("os.name " + show(System.getProperty("os.name")) + " file.encoding " + show(System.getProperty("file.encoding"))
            + " native.encoding " + show(System.getProperty("native.encoding")) + " sun.jnu.encoding " + show(System.getProperty("sun.jnu.encoding")));
        System.out.println("default charset " + java.nio.charset.Charset.defaultCharset() + " default locale " + java.util.Locale.getDefault()
            + " timezone " + java.util.TimeZone.getDefault().getID());
        System.out.println("java.version starts with 17: " + System.getProperty("java.version").startsWith("17")
            + ", Runtime.version().feature() " + Runtime.version().feature());
        System.out.println("java.home is absolute: " + Paths.get(System.getProperty("java.home")).isAbsolute()
            + ", java.io.tmpdir " + show(System.getProperty("java.io.tmpdir")));
        System.out.println("user.dir is the working directory: " + Paths.get(System.getProperty("user.dir")).equals(Path.of("").toAbsolutePath()));
        System.out.println("java.class.path names the class directory: " + System.getProperty("java.class.path").endsWith("classes"));
        System.out.println("-D nido.prop " + show(System.getProperty("nido.prop")) + " -D nido.spaced " + show(System.getProperty("nido.spaced"))
            + " -D nido.empty " + show(System.getProperty("nido.empty")) + " Integer.getInteger(nido.int) " + Integer.getInteger("nido.int")
            + " Boolean.getBoolean(nido.flag) " + Boolean.getBoolean("nido.flag"));
        System.out.println("missing property " + show(System.getProperty("nido.missing")) + " with default " + show(System.getProperty("nido.missing", "fallback")));
        System.setProperty("nido.runtime", "set at runtime");
        System.out.println("setProperty then get " + show(System.getProperty("nido.runtime")) + " clear returns " + show(System.clearProperty("nido.runtime"))
            + " then " + show(System.getProperty("nido.runtime")));
        try {
            System.getProperty("");
        } catch (IllegalArgumentException e) {
            System.out.println("getProperty(\"\"): " + e.getMessage());
        }
        System.out.println("env NIDO_TEST_VAR " + show(System.getenv("NIDO_TEST_VAR")) + " NIDO_PROGRAM " + show(System.getenv("NIDO_PROGRAM"))
            + " unset " + show(System.getenv("NIDO_SURELY_UNSET_VARIABLE")) + " in map " + System.getenv().containsKey("NIDO_TEST_VAR"));
        try {
            System.getenv().put("X", "y");
        } catch (UnsupportedOperationException e) {
            System.out.println("getenv() map is unmodifiable");
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println("availableProcessors > 0: " + (rt.availableProcessors() > 0) + ", maxMemory >= totalMemory: " + (rt.maxMemory() >= rt.totalMemory())
            + ", totalMemory >= freeMemory: " + (rt.totalMemory() >= rt.freeMemory()) + ", freeMemory > 0: " + (rt.freeMemory() > 0));
        long t1 = System.nanoTime(), m1 = System.currentTimeMillis();
        long t2 = System.nanoTime();
        System.out.println("nanoTime monotonic: " + (t2 >= t1) + ", currentTimeMillis after 2020: " + (m1 > 1_577_836_800_000L)
            + ", Instant agrees: " + (Math.abs(java.time.Instant.now().toEpochMilli() - m1) < 60_000));
        System.out.println("identityHashCode(null) " + System.identityHashCode(null) + ", args " + args.length);
    }
}
