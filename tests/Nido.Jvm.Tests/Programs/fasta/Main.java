// The Computer Language Benchmarks Game's fasta at its check size (n = 1000, or the first argument): a repeated
// ALU sequence, then two sequences drawn with the game's linear congruential generator (IM 139968, IA 3877,
// IC 29573, seed 42) from cumulative nucleotide frequencies, 60 characters a line.
import java.io.ByteArrayOutputStream;

public class Main {
    static final int LINE = 60;
    static final int IM = 139968, IA = 3877, IC = 29573;
    static int last = 42;

    static final String ALU =
        "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG"
        + "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA"
        + "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT"
        + "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA"
        + "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG"
        + "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC"
        + "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA";

    static final char[] IUB_CHARS = "acgtBDHKMNRSVWY".toCharArray();
    static final double[] IUB_PROBS = {0.27, 0.12, 0.12, 0.27, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02};
    static final char[] HOMO_CHARS = "acgt".toCharArray();
    static final double[] HOMO_PROBS = {0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008};

    static final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static double random(double max) {
        last = (last * IA + IC) % IM;
        return max * last / IM;
    }

    static void repeat(String header, String seq, int n) {
        out.writeBytes(header.getBytes());
        int pos = 0;
        StringBuilder line = new StringBuilder();
        for (int remaining = n; remaining > 0; remaining -= LINE) {
            line.setLength(0);
            int len = Math.min(LINE, remaining);
            for (int i = 0; i < len; i++) {
                line.append(seq.charAt(pos));
                if (++pos == seq.length()) pos = 0;
            }
            line.append('\n');
            out.writeBytes(line.toString().getBytes());
        }
    }

    static void random(String header, char[] chars, double[] probs, int n) {
        double[] cumulative = new double[probs.length];
        double acc = 0;
        for (int i = 0; i < probs.length; i++) {
            acc += probs[i];
            cumulative[i] = acc;
        }
        out.writeBytes(header.getBytes());
        StringBuilder line = new StringBuilder();
        for (int remaining = n; remaining > 0; remaining -= LINE) {
            line.setLength(0);
            int len = Math.min(LINE, remaining);
            for (int i = 0; i < len; i++) {
                double r = random(1.0);
                int k = 0;
                while (k < cumulative.length - 1 && r >= cumulative[k]) k++;
                line.append(chars[k]);
            }
            line.append('\n');
            out.writeBytes(line.toString().getBytes());
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        repeat(">ONE Homo sapiens alu\n", ALU, n * 2);
        random(">TWO IUB ambiguity codes\n", IUB_CHARS, IUB_PROBS, n * 3);
        random(">THREE Homo sapiens frequency\n", HOMO_CHARS, HOMO_PROBS, n * 5);
        System.out.write(out.toByteArray(), 0, out.size());
        System.out.flush();
    }
}
