// Thread.getStackTrace of another thread (sleeping), of a finished one and of an unstarted one.
public class Main {
    static void deep() { try { Thread.sleep(5000); } catch (InterruptedException e) {} }
    public static void main(String[] args) throws Exception {
        Thread sl = new Thread(Main::deep, "sleeper");
        sl.start(); Thread.sleep(200);
        StackTraceElement[] st = sl.getStackTrace();
        System.out.println("frames=" + (st.length > 0));
        for (StackTraceElement e : st) if (e.getClassName().equals("Main")) System.out.println(e);
        sl.interrupt(); sl.join();
        System.out.println("dead thread frames=" + sl.getStackTrace().length);
        System.out.println("unstarted frames=" + new Thread(() -> {}).getStackTrace().length);
    }
}
