import java.nio.file.Path;
import java.security.CodeSource;

// Classes from the class path carry a ProtectionDomain whose CodeSource is their class path entry (file:/dir/ for a
// directory), as the JDK's application loader makes it; the class library's classes have none.
public class Main {
    public static void main(String[] args) throws Exception {
        CodeSource cs = Main.class.getProtectionDomain().getCodeSource();
        System.out.println(cs.getLocation().getProtocol() + " " + cs.getLocation().toString().endsWith("/") + " " + (cs.getCodeSigners() == null));
        System.out.println(Path.of(cs.getLocation().toURI()).equals(Path.of(Main.class.getResource("Main.class").toURI()).getParent()));
        System.out.println(Main.class.getProtectionDomain().getClassLoader() == ClassLoader.getSystemClassLoader());
        System.out.println(Main.class.getProtectionDomain() == Helper.class.getProtectionDomain());
        System.out.println(String.class.getProtectionDomain().getCodeSource());
    }
}

class Helper {
}
