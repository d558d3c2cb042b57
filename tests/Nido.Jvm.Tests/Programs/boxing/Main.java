import java.util.ArrayList;
import java.util.List;

// Autoboxing and unboxing: the caches of Integer/Long/Short/Byte/Character (-128..127 are shared, others are new
// objects on HotSpot by default), Boolean constants, unboxing null, numeric promotion in boxed ternaries,
// List.remove(int) vs remove(Object), Integer ++ creating new objects, equals across wrapper types.
public class Main {
    static int zero = 0;

    static Integer box(int i) { return i; }

    @SuppressWarnings({"removal", "UnnecessaryBoxing"})
    public static void main(String[] args) {
        Integer a = 127, b = 127, c = 128, d = 128;
        System.out.println("127 == 127: " + (a == b));
        System.out.println("128 == 128: " + (c == d));
        System.out.println("128 equals 128: " + c.equals(d));
        System.out.println("-128 == -128: " + (box(-128) == box(-128)));
        System.out.println("-129 == -129: " + (box(-129) == box(-129)));
        System.out.println("valueOf(100) == valueOf(100): " + (Integer.valueOf(100) == Integer.valueOf(100)));
        System.out.println("valueOf(1000) == valueOf(1000): " + (Integer.valueOf(1000) == Integer.valueOf(1000)));
        Long l1 = 127L, l2 = 127L, l3 = 128L, l4 = 128L;
        System.out.println("Long 127: " + (l1 == l2) + ", Long 128: " + (l3 == l4));
        Short s1 = 100, s2 = 100;
        Byte b1 = -1, b2 = -1;
        System.out.println("Short cache: " + (s1 == s2) + ", Byte cache: " + (b1 == b2));
        Character c1 = 'a', c2 = 'a', c3 = '\u0100', c4 = '\u0100';
        System.out.println("Character 'a': " + (c1 == c2) + ", Character 0x100: " + (c3 == c4));
        Boolean t1 = true, t2 = Boolean.valueOf("TRUE"), t3 = Boolean.parseBoolean("yes");
        System.out.println("Boolean: " + (t1 == t2) + " " + (t1 == Boolean.TRUE) + " " + t3);
        Double d1 = 1.0, d2 = 1.0;
        System.out.println("Double equals: " + d1.equals(d2));

        Integer counter = 0;
        Integer before = counter;
        for (int i = 0; i < 200; i++) counter++;
        System.out.println("counter=" + counter + " before=" + before + " same object " + (before == counter));
        Integer x = 1000;
        int y = 1000;
        System.out.println("Integer == int unboxes: " + (x == y));
        Long big = 1000L;
        System.out.println("Long.equals(Integer): " + big.equals(1000) + ", big == 1000: " + (big == 1000));
        System.out.println("Integer.equals(Long): " + x.equals(1000L));

        Integer nothing = null;
        try {
            int bad = nothing;
            System.out.println("unreached " + bad);
        } catch (NullPointerException e) {
            System.out.println("unboxing null: " + e.getClass().getSimpleName());
        }
        try {
            boolean flag = zero == 0;
            int r = flag ? nothing : 0; // the ternary's type is int: unboxes null
            System.out.println("unreached " + r);
        } catch (NullPointerException e) {
            System.out.println("ternary unboxing null: " + e.getClass().getSimpleName());
        }
        boolean yes = zero == 0;
        Object o1 = yes ? Integer.valueOf(1) : Double.valueOf(2);
        System.out.println("boxed ternary promotes: " + o1 + " " + o1.getClass().getSimpleName());
        Object o2 = yes ? (Object) Integer.valueOf(1) : Double.valueOf(2);
        System.out.println("Object ternary keeps: " + o2 + " " + o2.getClass().getSimpleName());
        Object o3 = yes ? 'x' : 1;
        System.out.println("char/int constant ternary: " + o3 + " " + o3.getClass().getSimpleName());

        List<Integer> list = new ArrayList<>(List.of(10, 20, 30, 1, 2));
        list.remove(1);                   // index 1
        System.out.println("remove(int 1): " + list);
        list.remove(Integer.valueOf(1));  // the element 1
        System.out.println("remove(Integer 1): " + list);
        System.out.println("contains(30): " + list.contains(30) + ", indexOf(2): " + list.indexOf(2));
        long sum = 0;
        for (Integer i : list) sum += i;
        System.out.println("sum unboxed: " + sum);

        Object[] boxes = {1, 2L, 3.0f, 4.0, (short) 5, (byte) 6, '7', true};
        StringBuilder sb = new StringBuilder();
        for (Object o : boxes) sb.append(o.getClass().getSimpleName()).append('=').append(o).append(' ');
        System.out.println("boxed kinds: " + sb.toString().trim());
        System.out.println("compareTo: " + Integer.valueOf(5).compareTo(7) + " " + Boolean.TRUE.compareTo(false)
            + " " + Character.valueOf('b').compareTo('a'));
        System.out.println("Integer.compare vs subtraction overflow: " + Integer.compare(Integer.MIN_VALUE, 1)
            + " " + (Integer.MIN_VALUE - 1 > 0));
        Integer m1 = Integer.MAX_VALUE;
        m1 += 1;
        System.out.println("boxed overflow: " + m1);
        Double dn = Double.NaN;
        System.out.println("boxed NaN equals itself: " + dn.equals(Double.NaN) + ", == unboxed: " + (dn.doubleValue() == Double.NaN));
    }
}
