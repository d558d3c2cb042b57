// The Computer Language Benchmarks Game's fannkuch-redux at its check size (n = 7, or the first argument):
// checksum of signed flip counts over all permutations in the game's permutation order, and the maximum flips.
public class Main {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[] result = fannkuch(n);
        System.out.println(result[0] + "\nPfannkuchen(" + n + ") = " + result[1]);
    }

    static int[] fannkuch(int n) {
        int[] perm = new int[n], perm1 = new int[n], count = new int[n];
        for (int i = 0; i < n; i++) perm1[i] = i;
        int maxFlips = 0, checksum = 0, permIndex = 0, r = n;
        while (true) {
            for (; r != 1; r--) count[r - 1] = r;
            System.arraycopy(perm1, 0, perm, 0, n);
            int flips = 0;
            for (int k; (k = perm[0]) != 0; flips++) {
                for (int i = 0, j = k; i < j; i++, j--) {
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
            }
            if (flips > maxFlips) maxFlips = flips;
            checksum += (permIndex & 1) == 0 ? flips : -flips;
            // next permutation: rotate the first r+1 elements until a counter does not wrap
            while (true) {
                if (r == n) return new int[] {checksum, maxFlips};
                int first = perm1[0];
                System.arraycopy(perm1, 1, perm1, 0, r);
                perm1[r] = first;
                if (--count[r] > 0) break;
                r++;
            }
            permIndex++;
        }
    }
}
