package p;
public class Q { public static String check() { try { assert false : "q"; return "q off"; } catch (AssertionError e) { return "q on " + e.getMessage(); } } }
