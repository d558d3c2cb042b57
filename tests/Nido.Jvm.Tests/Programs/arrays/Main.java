import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

// Arrays: default values, multi-dimensional and jagged arrays (multianewarray with partial dimensions), clone
// (shallow for nested arrays), Arrays.sort/fill/toString/equals/deepEquals/hashCode/binarySearch/copyOf,
// System.arraycopy including overlap and its exceptions, covariance and ArrayStoreException, negative sizes,
// index errors, array class names and instanceof.
public class Main {
    static int minusOne = -1;

    public static void main(String[] args) {
        int[] ints = new int[3];
        boolean[] bools = new boolean[2];
        char[] chars = new char[2];
        double[] doubles = new double[2];
        String[] strs = new String[2];
        long[] longs = new long[1];
        System.out.println("defaults: " + Arrays.toString(ints) + Arrays.toString(bools) + (int) chars[0]
            + Arrays.toString(doubles) + Arrays.toString(strs) + Arrays.toString(longs));

        int[][] grid = new int[3][4];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) grid[i][j] = i * 10 + j;
        System.out.println("grid: " + Arrays.deepToString(grid));
        int[][] jagged = new int[4][];
        for (int i = 0; i < jagged.length; i++) {
            jagged[i] = new int[i + 1];
            Arrays.fill(jagged[i], i);
        }
        System.out.println("jagged: " + Arrays.deepToString(jagged));
        int[][][] cube = new int[2][3][];
        System.out.println("partial dims: " + cube.length + " " + cube[0].length + " " + cube[1][2]);
        long[][][] full = new long[2][2][2];
        full[1][1][1] = 7;
        System.out.println("3d: " + Arrays.deepToString(full));
        String[][] names = {{"a", "b"}, {"c"}, {}};
        System.out.println("literal: " + Arrays.deepToString(names) + " lengths " + names[0].length + names[1].length + names[2].length);

        int[] orig = {5, 3, 1};
        int[] copy = orig.clone();
        copy[0] = 99;
        System.out.println("clone independent: " + Arrays.toString(orig) + " " + Arrays.toString(copy));
        int[][] deep = {{1, 2}, {3, 4}};
        int[][] shallow = deep.clone();
        shallow[0][0] = 100;
        shallow[1] = new int[] {0};
        System.out.println("2d clone is shallow: " + Arrays.deepToString(deep) + " " + Arrays.deepToString(shallow));

        int[] toSort = {5, -1, 3, 3, Integer.MIN_VALUE, 0, Integer.MAX_VALUE, -7};
        Arrays.sort(toSort);
        System.out.println("sorted ints: " + Arrays.toString(toSort));
        double[] ds = {3.5, Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, -2.25, Double.POSITIVE_INFINITY, 0.0, -0.0};
        Arrays.sort(ds);
        System.out.println("sorted doubles: " + Arrays.toString(ds));
        String[] words = {"pear", "Apple", "fig", "banana", "apple", "Fig"};
        String[] w2 = words.clone();
        Arrays.sort(words);
        System.out.println("sorted strings: " + Arrays.toString(words));
        Arrays.sort(w2, String.CASE_INSENSITIVE_ORDER);
        System.out.println("case-insensitive (stable): " + Arrays.toString(w2));
        Integer[] boxed = {3, 1, 4, 1, 5, 9, 2, 6};
        Arrays.sort(boxed, Comparator.reverseOrder());
        System.out.println("reverse boxed: " + Arrays.toString(boxed));
        int[] big = new int[1000];
        for (int i = 0; i < big.length; i++) big[i] = (i * 7919) % 1000;
        Arrays.sort(big);
        boolean ok = true;
        for (int i = 0; i < big.length; i++) ok &= big[i] == i;
        System.out.println("sorted permutation of 1000: " + ok);
        char[] cs = "hello world".toCharArray();
        Arrays.sort(cs, 0, 5);
        System.out.println("partial char sort: " + new String(cs));
        System.out.println("binarySearch 4: " + Arrays.binarySearch(new int[] {1, 2, 4, 8}, 4) + ", 5: " + Arrays.binarySearch(new int[] {1, 2, 4, 8}, 5));

        int[] filled = new int[6];
        Arrays.fill(filled, 7);
        Arrays.fill(filled, 1, 3, -1);
        System.out.println("fill: " + Arrays.toString(filled));
        System.out.println("equals: " + Arrays.equals(new int[] {1, 2}, new int[] {1, 2}) + " " + (new int[] {1} == new int[] {1})
            + " " + new int[0].equals(new int[0]));
        System.out.println("deepEquals: " + Arrays.deepEquals(new int[][] {{1}}, new int[][] {{1}}) + " equals on 2d: "
            + Arrays.equals(new int[][] {{1}}, new int[][] {{1}}));
        System.out.println("hashCode: " + Arrays.hashCode(new int[] {1, 2, 3}) + " " + Arrays.hashCode(new String[] {"a", null})
            + " " + Arrays.deepHashCode(new Object[] {new int[] {1}, "x"}));
        System.out.println("copyOf: " + Arrays.toString(Arrays.copyOf(orig, 5)) + " " + Arrays.toString(Arrays.copyOf(orig, 2))
            + " " + Arrays.toString(Arrays.copyOfRange(orig, 1, 4)));
        String[] grown = Arrays.copyOf(new String[] {"x"}, 3);
        System.out.println("copyOf refs: " + Arrays.toString(grown));

        int[] arr = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        System.arraycopy(arr, 0, arr, 2, 6);
        System.out.println("arraycopy overlap right: " + Arrays.toString(arr));
        int[] arr2 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        System.arraycopy(arr2, 3, arr2, 0, 7);
        System.out.println("arraycopy overlap left: " + Arrays.toString(arr2));
        Object[] objs = new Object[3];
        System.arraycopy(new String[] {"p", "q"}, 0, objs, 1, 2);
        System.out.println("arraycopy widening refs: " + Arrays.toString(objs));
        try {
            System.arraycopy(new Object[] {"s", 1}, 0, new String[2], 0, 2);
        } catch (ArrayStoreException e) {
            System.out.println("arraycopy element type: " + e.getClass().getSimpleName());
        }
        try {
            System.arraycopy(new int[2], 0, new long[2], 0, 2);
        } catch (ArrayStoreException e) {
            System.out.println("arraycopy int[] to long[]: " + e.getClass().getSimpleName());
        }
        try {
            System.arraycopy(new int[5], 3, new int[5], 0, 3);
        } catch (IndexOutOfBoundsException e) {
            System.out.println("arraycopy range: " + e.getClass().getSimpleName());
        }
        try {
            System.arraycopy(null, 0, new int[1], 0, 1);
        } catch (NullPointerException e) {
            System.out.println("arraycopy null: " + e.getClass().getSimpleName());
        }

        Object[] covariant = new String[2];
        covariant[0] = "fine";
        try {
            covariant[1] = Integer.valueOf(1);
        } catch (ArrayStoreException e) {
            System.out.println("covariant store: " + e.getClass().getSimpleName());
        }
        Number[] nums = new Integer[1];
        try {
            nums[0] = 1.5;
        } catch (ArrayStoreException e) {
            System.out.println("Integer[] as Number[] store Double: " + e.getClass().getSimpleName());
        }
        covariant[1] = null;
        System.out.println("null store ok: " + Arrays.toString(covariant));
        try {
            int[] neg = new int[minusOne];
            System.out.println("unreached " + neg.length);
        } catch (NegativeArraySizeException e) {
            System.out.println("negative size: " + e.getClass().getSimpleName());
        }
        try {
            int[][] neg2 = new int[2][minusOne];
            System.out.println("unreached " + neg2.length);
        } catch (NegativeArraySizeException e) {
            System.out.println("negative inner size: " + e.getClass().getSimpleName());
        }
        int[] zero = new int[0];
        System.out.println("zero length: " + zero.length + " " + Arrays.toString(zero));
        try {
            ints[3] = 1;
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("index 3 of 3: " + e.getClass().getSimpleName());
        }
        try {
            System.out.println(ints[minusOne]);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("index -1: " + e.getClass().getSimpleName());
        }
        int[] nullArr = null;
        try {
            System.out.println(nullArr.length);
        } catch (NullPointerException e) {
            System.out.println("length of null: " + e.getClass().getSimpleName());
        }

        System.out.println("class names: " + int[].class.getName() + " " + String[][].class.getName() + " " + double[][][].class.getName()
            + " " + boolean[].class.getName() + " " + Main[].class.getName());
        System.out.println("simple names: " + int[].class.getSimpleName() + " " + String[][].class.getSimpleName());
        System.out.println("component: " + int[][].class.getComponentType().getName() + " " + String[].class.getComponentType().getName());
        Object o = new String[1];
        System.out.println("instanceof: " + (o instanceof Object[]) + " " + (o instanceof String[]) + " " + ((Object) new int[1] instanceof Object[])
            + " " + (new int[1][] instanceof Object[]));
        System.out.println("superclass of int[]: " + int[].class.getSuperclass().getName() + ", interfaces "
            + Arrays.toString(int[].class.getInterfaces()));
        char[] hello = {'h', 'i'};
        System.out.println(hello);
        System.out.println("String.valueOf(char[]): " + String.valueOf(hello));
        List<String> view = Arrays.asList(words);
        words[0] = "CHANGED";
        System.out.println("asList is a view: " + view.get(0));
        System.out.println("stream sum: " + Arrays.stream(new int[] {1, 2, 3, 4}).sum());
        byte[] bytes = new byte[4];
        bytes[0] = (byte) 200;
        bytes[1] += 130;
        System.out.println("byte array: " + Arrays.toString(bytes));
        char[] cc = new char[3];
        cc[0] = 'a';
        cc[1] += 98;
        cc[2] = (char) (cc[0] + 2);
        System.out.println("char array: " + Arrays.toString(cc));
        short[] sh = {Short.MAX_VALUE};
        sh[0]++;
        System.out.println("short array wraps: " + sh[0]);
        float[] fs = {1.5f, -0.0f};
        System.out.println("float array: " + Arrays.toString(fs));
    }
}
