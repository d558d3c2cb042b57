import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

// Text beyond ASCII: stdout encoding (UTF-8 under the harness's C.UTF-8 locale), surrogate pairs, code points
// vs chars, case mapping that changes length, charset encode/decode including malformed input, and sorting.
public class Main {
    public static void main(String[] args) {
        String s = "héllo wörld ✓ 日本語 🎉 naïve café";
        System.out.println(s);
        System.out.println("length " + s.length() + " codePointCount " + s.codePointCount(0, s.length()) + " UTF-8 bytes " + s.getBytes(StandardCharsets.UTF_8).length
            + " UTF-16 bytes " + s.getBytes(StandardCharsets.UTF_16).length + " UTF-16LE bytes " + s.getBytes(StandardCharsets.UTF_16LE).length);
        int idx = s.indexOf("🎉");
        System.out.println("emoji at " + idx + " codePointAt " + Integer.toHexString(s.codePointAt(idx)) + " charAt is high surrogate " + Character.isHighSurrogate(s.charAt(idx))
            + " offsetByCodePoints(0, 20) " + s.offsetByCodePoints(0, 20));
        StringBuilder cps = new StringBuilder();
        "a🎉é".codePoints().forEach(cp -> cps.append(Integer.toHexString(cp)).append(' '));
        System.out.println("code points: " + cps.toString().trim());
        System.out.println("reverse keeps pairs: " + new StringBuilder("ab🎉cd").reverse());
        System.out.println("upper: " + "straße café ﬁ".toUpperCase(Locale.ROOT) + " lower: " + "İSTANBUL ΣΟΦΟΣ".toLowerCase(Locale.ROOT));
        System.out.println("Turkish: " + "title".toUpperCase(new Locale("tr")) + " " + "TITLE".toLowerCase(new Locale("tr")));
        System.out.println("equalsIgnoreCase: " + "ΣΟΦΟΣ".equalsIgnoreCase("σοφος") + " " + "STRASSE".equalsIgnoreCase("straße"));
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        System.out.println("ISO-8859-1 bytes " + Arrays.toString(latin1) + " decoded as UTF-8: " + new String(latin1, StandardCharsets.UTF_8)
            + " replacement is U+" + Integer.toHexString(new String(latin1, StandardCharsets.UTF_8).charAt(3)));
        System.out.println("unmappable to ASCII: " + new String("naïve→".getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
        byte[] utf8 = {(byte) 0xE2, (byte) 0x82, (byte) 0xAC, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xC3};
        String decoded = new String(utf8, StandardCharsets.UTF_8);
        System.out.println("decoded euro+emoji+truncated: " + decoded + " length " + decoded.length());
        String[] words = {"zebra", "Äpfel", "apple", "Zürich", "éclair", "eclair", "日本"};
        Arrays.sort(words);
        System.out.println("sorted by UTF-16 code units: " + Arrays.toString(words));
        java.text.Collator collator = java.text.Collator.getInstance(Locale.ENGLISH);
        Arrays.sort(words, collator);
        System.out.println("sorted by English collator: " + Arrays.toString(words));
        System.out.println("normalized NFD length of é: " + java.text.Normalizer.normalize("é", java.text.Normalizer.Form.NFD).length()
            + ", NFC of e+combining acute equals é: " + java.text.Normalizer.normalize("e\u0301", java.text.Normalizer.Form.NFC).equals("é"));
        System.out.println("Character.getName(U+1F389): " + Character.getName(0x1F389));
        System.out.printf("printf with unicode: %s|%5s|%-5s|%n", "ü", "日本", "ñ");
        char[] box = {'┌', '─', '┐'};
        System.out.println(box);
        System.out.println("escapes: \u00e9 \t|tab \\ \" ' \0".replace("\0", "NUL"));
    }
}
