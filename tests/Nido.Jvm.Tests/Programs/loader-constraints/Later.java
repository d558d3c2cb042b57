public class Later {
    public static String run() {
        int v;
        try { v = Holder.take(null); } catch (NullPointerException e) { v = -1; }
        return "later " + v + " " + new Shared().value;
    }
}
