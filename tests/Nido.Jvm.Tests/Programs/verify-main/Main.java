// The main class itself fails verification (corrupt.txt turns its iconst_1 into aconst_null before an istore): the
// launcher reports "Unable to initialize main class" with the VerifyError's whole message, as java does.
public class Main {
    public static void main(String[] args) {
        int x = 1;
        System.out.println(x);
    }
}
