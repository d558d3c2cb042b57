public class ReadsField {
    public static String run() { Shared mine = new Shared(); return "field " + Holder.field.value + " " + mine.value; }
}
