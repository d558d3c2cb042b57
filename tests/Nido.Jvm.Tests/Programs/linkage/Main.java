interface Bad { int X = Main.boom(); default void d() {} }
interface BadNoDef { int Y = Main.boom(); void m(); }
class ImplBad implements Bad { static { System.out.println("ImplBad clinit"); } }
class ImplNoDef implements BadNoDef { public void m() { System.out.println("m ok"); } }
interface P { int PV = Main.log("P init"); default void p() {} }
interface Q extends P { int QV = Main.log("Q init"); default void q() {} }
interface R extends Q { int RV = Main.log("R init"); }
class Base implements R { static { Main.log("Base init"); } }
class Derived extends Base { static { Main.log("Derived init"); } }
// Linking corners: a public method overriding both a package-private method (same package) and a public one from
// another package (p.A.m, q.B.m, p.C.m) is selected through either; superinterfaces with default methods, direct
// or inherited, are initialised before the class, each interface's superinterfaces first (JVMS 5.5).
public class Main {
  static int boom() { throw new IllegalStateException("iface init boom"); }
  static int log(String s) { System.out.println(s); return 1; }
  public static void main(String[] args) {
    try { new ImplBad(); System.out.println("created ImplBad"); } catch (Throwable t) { System.out.println("1 " + t + " / " + t.getCause()); }
    try { new ImplBad(); System.out.println("created ImplBad"); } catch (Throwable t) { System.out.println("2 " + t); }
    new ImplNoDef().m();
    try { System.out.println(BadNoDef.Y); } catch (Throwable t) { System.out.println("3 " + t + " / " + t.getCause()); }
    new Derived();
    System.out.println("R.RV=" + R.RV);
    q.B b = new p.C();
    System.out.println(b.m());
  }
}
