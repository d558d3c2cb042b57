package p;

public class Base {
    protected static int ps() { return 4; }
    protected int pf = 5;
    protected void pm() { System.out.println("Base.pm"); }
    int pp() { return 6; }
}
