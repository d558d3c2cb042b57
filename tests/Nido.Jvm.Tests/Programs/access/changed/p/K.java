package p;

public class K {
    protected static int s() { return 1; }
    int f = 2;
    protected static int sf = 3;
    protected void m() {}
    public abstract static class Ab { abstract void am(); }
    public static class Impl extends Ab { void am() {} }
}
