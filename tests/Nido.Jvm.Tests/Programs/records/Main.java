import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

// Records: generated toString/equals/hashCode/accessors (ObjectMethods bootstrap), compact and canonical
// constructors with validation, custom accessors, static members, records implementing interfaces and Comparable,
// nested generic records, local records, and record reflection (isRecord, getRecordComponents).
public class Main {
    record Point(int x, int y) {
        static final Point ORIGIN = new Point(0, 0);

        Point {
            if (x < -1000 || y < -1000) throw new IllegalArgumentException("out of range: " + x + "," + y);
        }

        Point(int both) { this(both, both); }

        double dist() { return Math.sqrt(x * x + y * y); }

        Point plus(Point o) { return new Point(x + o.x, y + o.y); }

        static Point of(String s) {
            String[] parts = s.split(",");
            return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }
    }

    record Person(String name, int age) implements Comparable<Person> {
        Person(String name, int age) {
            this.name = name == null ? "anonymous" : name.strip();
            this.age = age;
        }

        @Override
        public String name() { return name.toUpperCase(); } // custom accessor

        @Override
        public int compareTo(Person o) { return age != o.age ? Integer.compare(age, o.age) : name.compareTo(o.name); }
    }

    interface Shape { double area(); }

    record Rect(Point corner, int w, int h) implements Shape {
        @Override
        public double area() { return w * h; }
    }

    record Pair<A, B>(A first, B second) {
        <C> Pair<A, C> withSecond(C c) { return new Pair<>(first, c); }
    }

    record Empty() { }

    record Tagged(String tag, List<String> items) { }

    public static void main(String[] args) {
        Point p = new Point(3, 4);
        Point q = new Point(3, 4);
        System.out.println(p + " dist " + p.dist() + " x=" + p.x() + " y=" + p.y());
        System.out.println("equals: " + p.equals(q) + " == " + (p == q) + " hash equal " + (p.hashCode() == q.hashCode()));
        System.out.println("hashCodes: " + p.hashCode() + " " + new Point(0, 0).hashCode() + " " + new Point(-1, 7).hashCode());
        System.out.println("plus: " + p.plus(new Point(7)) + " origin " + Point.ORIGIN + " parsed " + Point.of("10, -2"));
        try {
            new Point(-5000, 1);
        } catch (IllegalArgumentException e) {
            System.out.println("compact constructor rejects: " + e.getMessage());
        }
        Person ann = new Person("  ann ", 31);
        Person bob = new Person("bob", 25);
        Person nobody = new Person(null, 31);
        System.out.println(ann + " name()=" + ann.name() + " " + nobody);
        System.out.println("person equals uses fields: " + ann.equals(new Person("ann", 31)) + " hash " + ann.hashCode() + " " + new Person("ann", 31).hashCode());
        System.out.println("sorted: " + new TreeSet<>(List.of(ann, bob, nobody)));
        Rect r = new Rect(new Point(1, 1), 3, 5);
        Shape s = r;
        System.out.println(r + " area " + s.area() + " hash " + r.hashCode());
        Pair<String, Integer> pair = new Pair<>("k", 1);
        Pair<String, List<Integer>> pair2 = pair.withSecond(List.of(1, 2));
        System.out.println(pair + " " + pair2 + " " + pair2.hashCode() + " eq " + pair.equals(new Pair<>("k", 1)));
        Pair<String, String> withNull = new Pair<>(null, "b");
        System.out.println("null component: " + withNull + " hash " + withNull.hashCode() + " equals " + withNull.equals(new Pair<>(null, "b")));
        System.out.println("empty: " + new Empty() + " " + new Empty().equals(new Empty()) + " " + new Empty().hashCode());
        System.out.println("tagged: " + new Tagged("t", List.of("a", "b")) + " " + new Tagged("t", List.of("a", "b")).hashCode());
        Set<Point> set = new HashSet<>();
        for (int i = 0; i < 5; i++) set.add(new Point(i % 3, 0));
        System.out.println("set size " + set.size() + " contains (2,0): " + set.contains(new Point(2, 0)));

        record Local(String what, int n) {
            String twice() { return what.repeat(n); }
        }
        Local loc = new Local("ab", 3);
        System.out.println("local record: " + loc + " " + loc.twice());

        System.out.println("isRecord: " + Point.class.isRecord() + " " + String.class.isRecord() + " superclass " + Point.class.getSuperclass().getName());
        System.out.println("components: " + Arrays.toString(Arrays.stream(Rect.class.getRecordComponents())
            .map(c -> c.getType().getSimpleName() + " " + c.getName()).toArray()));
        try {
            Object v = Person.class.getRecordComponents()[0].getAccessor().invoke(bob);
            System.out.println("accessor via reflection: " + v);
        } catch (ReflectiveOperationException e) {
            System.out.println("reflection failed " + e);
        }
    }
}
