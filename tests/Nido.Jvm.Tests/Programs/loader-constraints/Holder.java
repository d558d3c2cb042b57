public class Holder {
    public static Shared field = new Shared();
    public static Shared make() { return new Shared(); }
    public static int take(Shared s) { return s.value; }
    public int use(Shared s) { return 10; }
}
