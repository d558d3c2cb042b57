package p;

class Gone {
    public static int value() { return 7; }
}
