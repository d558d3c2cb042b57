public class Overrides extends Holder {
    @Override public int use(Shared s) { return 20; }
    public static String run() { return "override " + new Overrides().use(null); }
}
