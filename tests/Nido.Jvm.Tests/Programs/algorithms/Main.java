import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;

// Small classic algorithms as a workout for the interpreter/JIT: sieve of Eratosthenes, quicksort and mergesort
// of a seeded random array (with checksums), matrix multiplication, n-queens, longest common subsequence, BFS
// on a grid maze, a tiny stack-machine interpreter, Collatz lengths, and string building. All seeded, all exact.
public class Main {
    static int sieve(int n) {
        boolean[] composite = new boolean[n + 1];
        int count = 0;
        for (int i = 2; i <= n; i++) {
            if (composite[i]) continue;
            count++;
            for (long j = (long) i * i; j <= n; j += i) composite[(int) j] = true;
        }
        return count;
    }

    static void quicksort(int[] a, int lo, int hi) {
        while (lo < hi) {
            int p = a[(lo + hi) >>> 1], i = lo, j = hi;
            while (i <= j) {
                while (a[i] < p) i++;
                while (a[j] > p) j--;
                if (i <= j) {
                    int t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (j - lo < hi - i) {
                quicksort(a, lo, j);
                lo = i;
            } else {
                quicksort(a, i, hi);
                hi = j;
            }
        }
    }

    static long[] mergesort(long[] a) {
        if (a.length < 2) return a;
        long[] l = mergesort(Arrays.copyOfRange(a, 0, a.length / 2)), r = mergesort(Arrays.copyOfRange(a, a.length / 2, a.length));
        long[] out = new long[a.length];
        for (int i = 0, j = 0, k = 0; k < out.length; k++) out[k] = j >= r.length || (i < l.length && l[i] <= r[j]) ? l[i++] : r[j++];
        return out;
    }

    static int queens(int n, int row, int cols, int d1, int d2) {
        if (row == n) return 1;
        int count = 0;
        for (int c = 0; c < n; c++) {
            if ((cols & (1 << c)) != 0 || (d1 & (1 << (row + c))) != 0 || (d2 & (1 << (row - c + n))) != 0) continue;
            count += queens(n, row + 1, cols | 1 << c, d1 | 1 << (row + c), d2 | 1 << (row - c + n));
        }
        return count;
    }

    static String lcs(String a, String b) {
        int[][] dp = new int[a.length() + 1][b.length() + 1];
        for (int i = a.length() - 1; i >= 0; i--)
            for (int j = b.length() - 1; j >= 0; j--)
                dp[i][j] = a.charAt(i) == b.charAt(j) ? 1 + dp[i + 1][j + 1] : Math.max(dp[i + 1][j], dp[i][j + 1]);
        StringBuilder sb = new StringBuilder();
        for (int i = 0, j = 0; i < a.length() && j < b.length(); ) {
            if (a.charAt(i) == b.charAt(j)) {
                sb.append(a.charAt(i));
                i++;
                j++;
            } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
            else j++;
        }
        return sb.toString();
    }

    static int bfs(String[] maze) {
        int h = maze.length, w = maze[0].length();
        int[][] dist = new int[h][w];
        for (int[] row : dist) Arrays.fill(row, -1);
        Deque<int[]> q = new ArrayDeque<>();
        q.add(new int[] {0, 0});
        dist[0][0] = 0;
        int[][] dirs = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        while (!q.isEmpty()) {
            int[] cur = q.poll();
            for (int[] d : dirs) {
                int y = cur[0] + d[0], x = cur[1] + d[1];
                if (y < 0 || x < 0 || y >= h || x >= w || maze[y].charAt(x) == '#' || dist[y][x] >= 0) continue;
                dist[y][x] = dist[cur[0]][cur[1]] + 1;
                q.add(new int[] {y, x});
            }
        }
        return dist[h - 1][w - 1];
    }

    static long run(String program) {
        long[] stack = new long[64];
        int sp = 0;
        for (String tok : program.trim().split("\\s+")) {
            switch (tok) {
                case "+": stack[sp - 2] += stack[sp - 1]; sp--; break;
                case "-": stack[sp - 2] -= stack[sp - 1]; sp--; break;
                case "*": stack[sp - 2] *= stack[sp - 1]; sp--; break;
                case "/": stack[sp - 2] /= stack[sp - 1]; sp--; break;
                case "dup": stack[sp] = stack[sp - 1]; sp++; break;
                case "swap": { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
                default: stack[sp++] = Long.parseLong(tok);
            }
        }
        return stack[sp - 1];
    }

    public static void main(String[] args) {
        System.out.println("primes below 10^6: " + sieve(1_000_000));
        Random rnd = new Random(2024);
        int[] data = new int[50_000];
        for (int i = 0; i < data.length; i++) data[i] = rnd.nextInt(1_000_000) - 500_000;
        int[] copy = data.clone();
        quicksort(data, 0, data.length - 1);
        Arrays.sort(copy);
        long checksum = 0;
        for (int i = 0; i < data.length; i++) checksum = checksum * 31 + data[i];
        System.out.println("quicksort matches Arrays.sort: " + Arrays.equals(data, copy) + " min " + data[0] + " max " + data[data.length - 1] + " checksum " + checksum);
        long[] longs = new long[20_000];
        for (int i = 0; i < longs.length; i++) longs[i] = rnd.nextLong();
        long[] sorted = mergesort(longs);
        boolean ordered = true;
        for (int i = 1; i < sorted.length; i++) ordered &= sorted[i - 1] <= sorted[i];
        System.out.println("mergesort ordered: " + ordered + " median " + sorted[sorted.length / 2]);
        int n = 60;
        double[][] a = new double[n][n], b = new double[n][n], c = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            a[i][j] = (i + j) % 7 - 3;
            b[i][j] = (i * j) % 5 - 2 + 0.5;
        }
        for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) c[i][j] += a[i][k] * b[k][j];
        double trace = 0;
        for (int i = 0; i < n; i++) trace += c[i][i];
        System.out.println("matrix trace " + trace + " corner " + c[n - 1][n - 1]);
        StringBuilder q = new StringBuilder();
        for (int k = 4; k <= 9; k++) q.append(k).append(':').append(queens(k, 0, 0, 0, 0)).append(' ');
        System.out.println("n-queens: " + q.toString().trim());
        System.out.println("lcs: " + lcs("AGGTABQWERTYXYZ", "GXTXAYBWRTZZXY"));
        String[] maze = {
            "..#.......",
            ".##.#####.",
            "....#...#.",
            "#.###.#.#.",
            "..#...#...",
            ".##.###.##",
            "......#..."};
        System.out.println("maze shortest path: " + bfs(maze));
        System.out.println("stack machine: " + run("3 4 + dup * 2 swap - 7 /") + " " + run("1 2 3 4 5 * * * *"));
        int bestStart = 0, bestLen = 0;
        for (int s = 1; s < 100_000; s++) {
            long x = s;
            int len = 1;
            while (x != 1) {
                x = (x & 1) == 0 ? x >> 1 : 3 * x + 1;
                len++;
            }
            if (len > bestLen) {
                bestLen = len;
                bestStart = s;
            }
        }
        System.out.println("longest Collatz chain below 100000: " + bestStart + " (" + bestLen + " terms)");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) sb.append(Integer.toString(i, 36));
        System.out.println("built " + sb.length() + " chars, hash " + sb.toString().hashCode());
    }
}
