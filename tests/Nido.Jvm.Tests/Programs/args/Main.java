// Prints its arguments: count, then each one bracketed with its length (empty, spaced and non-ASCII arguments included).
public class Main {
    public static void main(String[] args) {
        System.out.println("argc=" + args.length);
        for (int i = 0; i < args.length; i++) {
            System.out.println(i + ": [" + args[i] + "] length " + args[i].length()
                + " codepoints " + args[i].codePointCount(0, args[i].length()));
        }
    }
}
