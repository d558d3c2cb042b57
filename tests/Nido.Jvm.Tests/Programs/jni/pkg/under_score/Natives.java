package pkg.under_score;

// JNI names beyond the simple case: a package with '_', overloads (long names with mangled signatures), a nested
// class ('$'), a non-ASCII method name, and a synchronized native method.
public class Natives {
    public static native String over(int x);
    public static native String over(String s, int[][] grid);
    public static native String over(long x, double y);
    public static native String caf\u00e9();
    public native synchronized boolean holds();

    public static class Inner {
        public static native String inner_name();
    }
}
