package p;

// A superclass in another run-time package than the assembled classes that extend it.
public class Base {
    protected int f = 7;

    public Base() { }

    protected int m() { return 8; }
}
