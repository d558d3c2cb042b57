public class A {
    private static int f() { return 1; }
    private int g = 2;
    public A() {}
}
