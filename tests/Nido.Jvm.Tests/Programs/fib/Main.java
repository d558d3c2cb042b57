// Naive recursive Fibonacci: fib(25) (or the first argument) by 242785 calls, plus a table of small values
// and the int/long results of the iterative version past the int overflow point.
public class Main {
    static long calls;

    static int fib(int n) {
        calls++;
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= 20; i++) sb.append(fib(i)).append(i < 20 ? " " : "");
        System.out.println(sb);
        calls = 0;
        System.out.println("fib(" + n + ") = " + fib(n) + " in " + calls + " calls");
        int a = 0, b = 1;
        long la = 0, lb = 1;
        for (int i = 0; i < 50; i++) {
            int t = a + b;
            a = b;
            b = t;
            long lt = la + lb;
            la = lb;
            lb = lt;
        }
        System.out.println("fib(50) as int wraps to " + a + ", as long " + la);
    }
}
