import java.lang.invoke.*;
import java.util.*;

// VarHandle calls checked as HotSpot links them: WrongMethodTypeException for arguments or results that do not
// convert, UnsupportedOperationException for modes the variable lacks, ClassCastException/ArrayStoreException for
// values of the wrong class, NullPointerException for a null receiver or array; the right conversions still work.
public class Main {
    int v; Integer boxed = 0; String s = "a";
    int x; long y = 7; Object ref = "r"; final int fin = 1;

    public static void main(String[] args) throws Throwable {
        fields();
        arrays();
        modes();
        conversions();
    }

    // asType's unboxing of an Object argument and casting of a result (sun.invoke.util.ValueConversions): the cast
    // to Number, "Cannot cast Long to Integer", null's NullPointerException; widening ones go through.
    static long st;
    static void conversions() throws Throwable {
        VarHandle vh = MethodHandles.lookup().findVarHandle(Main.class, "v", int.class);
        VarHandle sh = MethodHandles.lookup().findStaticVarHandle(Main.class, "st", long.class);
        VarHandle ah = MethodHandles.arrayElementVarHandle(int[].class);
        VarHandle rh = MethodHandles.lookup().findVarHandle(Main.class, "ref", Object.class);
        Main m = new Main();
        Object[] values = {"x", null, 5L, true, 'c', (short) 3, (byte) 2, 4, 7.0f, new java.math.BigInteger("9")};
        for (Object value : values) {
            try { vh.set(m, value); System.out.println("c int " + value + " -> " + m.v); } catch (RuntimeException e) { System.out.println("c int " + value + ": " + e); }
            try { sh.set(value); System.out.println("c long " + value + " -> " + st); } catch (RuntimeException e) { System.out.println("c long " + value + ": " + e); }
            try { int[] a = new int[1]; ah.set(a, 0, value); System.out.println("c elem " + value + " -> " + a[0]); } catch (RuntimeException e) { System.out.println("c elem " + value + ": " + e); }
        }
        try { System.out.println("c cas " + vh.compareAndSet(m, (Object) 4, (Object) "y")); } catch (RuntimeException e) { System.out.println("c cas: " + e); }
        try { System.out.println("c add " + (int) vh.getAndAdd(m, (Object) 1L)); } catch (RuntimeException e) { System.out.println("c add: " + e); }
        m.ref = 12;
        try { String s = (String) rh.get(m); System.out.println("c get " + s); } catch (RuntimeException e) { System.out.println("c get: " + e); }
        try { Integer i = (Integer) rh.get(m); System.out.println("c get " + i); } catch (RuntimeException e) { System.out.println("c get: " + e); }
    }

    static void fields() throws Throwable {
    MethodHandles.Lookup L = MethodHandles.lookup();
    VarHandle vh = L.findVarHandle(Main.class, "v", int.class);
    Main m = new Main();
    try { vh.set(m, "str"); } catch (Throwable e) { System.out.println("1 " + e); }
    try { vh.set(m, 5L); } catch (Throwable e) { System.out.println("2 " + e); }
    try { vh.set("notMain", 5); } catch (Throwable e) { System.out.println("3 " + e); }
    try { vh.set(m); } catch (Throwable e) { System.out.println("4 " + e); }
    try { vh.set((Main) null, 1); } catch (Throwable e) { System.out.println("5 " + e); }
    try { long x = (long) vh.get(m); System.out.println("6 widen get " + x); } catch (Throwable e) { System.out.println("6 " + e); }
    try { vh.set(m, (short) 3); System.out.println("7 widen set " + m.v); } catch (Throwable e) { System.out.println("7 " + e); }
    try { vh.set(m, Integer.valueOf(8)); System.out.println("8 unbox " + m.v); } catch (Throwable e) { System.out.println("8 " + e); }
    VarHandle sv = L.findVarHandle(Main.class, "s", String.class);
    try { sv.set(m, (Object) Integer.valueOf(1)); } catch (Throwable e) { System.out.println("9 " + e); }
    try { String r = (String) sv.getAndSet(m, "b"); System.out.println("10 " + r + m.s); } catch (Throwable e) { System.out.println("10 " + e); }
    MethodHandle mh = L.findVirtual(Main.class, "toString", MethodType.methodType(String.class));
    try { mh.invoke("x"); } catch (Throwable e) { System.out.println("11 " + e); }
    try { mh.invoke(m, 1); } catch (Throwable e) { System.out.println("12 " + e); }
    try { int r = (int) vh.getAndAdd(m, 1); Object o = vh.getAndAdd(m, 1); System.out.println("13 " + r + " " + o); } catch (Throwable e) { System.out.println("13 " + e); }
    try { vh.compareAndSet(m, "x", 1); } catch (Throwable e) { System.out.println("14 " + e); }
    }

    static void arrays() throws Throwable {
    VarHandle oa = MethodHandles.arrayElementVarHandle(Object[].class);
    Object[] strs = new String[2];
    try { oa.set(strs, 0, Integer.valueOf(1)); System.out.println("stored " + strs[0].getClass()); } catch (Throwable e) { System.out.println("1 " + e); }
    VarHandle ia = MethodHandles.arrayElementVarHandle(int[].class);
    Object la = new long[2];
    try { ia.set(la, 0, 7); System.out.println("2 no exc " + Arrays.toString((long[]) la)); } catch (Throwable e) { System.out.println("2 " + e); }
    try { ia.set((int[]) null, 0, 7); } catch (Throwable e) { System.out.println("3 " + e); }
    try { ia.set(new int[2], -1, 7); } catch (Throwable e) { System.out.println("4 " + e); }
    try { System.out.println("5 " + ia.compareAndSet(new int[2], 0, 0, 1)); } catch (Throwable e) { System.out.println("5 " + e); }
    try { oa.compareAndSet(strs, 1, null, (Object) 3.0); System.out.println("6 stored " + strs[1]); } catch (Throwable e) { System.out.println("6 " + e); }
    }

    static void modes() throws Throwable {
    MethodHandles.Lookup lk = MethodHandles.lookup();
    VarHandle X = lk.findVarHandle(Main.class, "x", int.class);
    VarHandle Y = lk.findVarHandle(Main.class, "y", long.class);
    VarHandle R = lk.findVarHandle(Main.class, "ref", Object.class);
    VarHandle FIN = lk.findVarHandle(Main.class, "fin", int.class);
    VarHandle SA = MethodHandles.arrayElementVarHandle(String[].class);
    Main m = new Main();
    String[] sa = {"a"};
    Object[] oa = sa;
    try { SA.set(oa, 0, 1); System.out.println("1: stored " + ((Object) sa[0]).getClass().getName() + " into String[]"); } catch (Throwable e) { System.out.println("1: " + e); }
    try { X.set(m, "str"); System.out.println("2: no exception"); } catch (Throwable e) { System.out.println("2: " + e); }
    try { int v = (int) Y.get(m); System.out.println("3: no exception, got " + v); } catch (Throwable e) { System.out.println("3: " + e); }
    try { Object r = R.getAndAdd(m, 1); System.out.println("4: no exception, got " + r + " ref now " + m.ref); } catch (Throwable e) { System.out.println("4: " + e); }
    try { FIN.set(m, 2); System.out.println("5: no exception, fin=" + m.fin); } catch (Throwable e) { System.out.println("5: " + e); }
    try { System.out.println("6: " + FIN.isAccessModeSupported(VarHandle.AccessMode.SET) + " " + R.isAccessModeSupported(VarHandle.AccessMode.GET_AND_ADD)); } catch (Throwable e) { System.out.println("6: " + e); }
    }
}
