package p;

// Public as compiled against; changed/p/Gone.java makes the class itself package-private.
public class Gone {
    public static int value() { return 7; }
}
