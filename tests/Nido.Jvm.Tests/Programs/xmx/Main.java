import java.util.ArrayList;
import java.util.List;

// Runs with -Xmx16m (run.txt): keeps 1 MiB arrays alive until the heap is exhausted, catches OutOfMemoryError,
// prints "caught OOME", drops the arrays and shows that allocation works again. How many arrays fit is
// JVM-specific, so only "fewer than 64" is printed.
public class Main {
    public static void main(String[] args) {
        List<byte[]> kept = new ArrayList<>();
        int allocated = 0;
        try {
            for (int i = 0; i < 64; i++) {
                byte[] chunk = new byte[1 << 20];
                chunk[i] = (byte) i;
                kept.add(chunk);
                allocated++;
            }
            System.out.println("allocated 64 MiB without an error");
        } catch (OutOfMemoryError e) {
            kept.clear();
            System.out.println("caught OOME");
        }
        System.out.println("fewer than 64 arrays fit: " + (allocated < 64) + ", more than 0: " + (allocated > 0));
        kept = null;
        byte[] again = new byte[4 << 20];
        again[again.length - 1] = 1;
        System.out.println("allocation works again: " + again.length);
        try {
            long[] huge = new long[Integer.MAX_VALUE - 8];
            System.out.println("huge array allocated? " + huge.length);
        } catch (OutOfMemoryError e) {
            System.out.println("caught OOME for a 16 GiB array");
        }
        System.out.println("maxMemory at most 16 MiB: " + (Runtime.getRuntime().maxMemory() <= 16L << 20));
    }
}
