public class CallsTake {
    public static String run() { return "took " + Holder.take(new Shared()); }
}
