public class Victim {
    public static void run(ClassLoader loader) throws Exception {
        loader.loadClass("java.lang.String");
        Object o = new StringBuilder("ali").append("ve").toString();
        int v = Other.X;
        System.out.println("o = " + o + " v = " + v);
    }
}
