public class CallsMake {
    public static String run() { Shared mine = new Shared(); return "got " + Holder.make().value + " " + mine.value; }
}
