public class A {
    public static int f() { return 1; }
    public int g = 2;
    public A() {}
}
