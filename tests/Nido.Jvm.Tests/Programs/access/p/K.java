package p;

// As compiled against: everything public. changed/p/K.java is the same class with narrower access.
public class K {
    public static int s() { return 1; }
    public int f = 2;
    public static int sf = 3;
    public void m() {}
    public abstract static class Ab { public abstract void am(); }
    public static class Impl extends Ab { public void am() {} }
}
