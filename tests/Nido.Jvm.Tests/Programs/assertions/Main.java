// -ea/-da as java reads them: the default, a package and its subpackages switched off again, a nested class; a
// failing assert with its message is an uncaught AssertionError (exit 1).
public class Main {
    static class Inner { static String check() { try { assert false; return "inner off"; } catch (AssertionError e) { return "inner on"; } } }
    public static void main(String[] args) {
        System.out.println(Main.class.desiredAssertionStatus() + " " + p.Q.check() + " " + Inner.check());
        assert args.length > 5 : "boom " + args.length;
        System.out.println("no assert");
    }
}
