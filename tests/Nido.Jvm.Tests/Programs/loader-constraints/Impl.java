public class Impl implements Api {
    public int take(Shared s) { return 30; }
    public static String run() { return "impl " + new Impl().take(null); }
}
