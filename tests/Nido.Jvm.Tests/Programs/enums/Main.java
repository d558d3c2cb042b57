import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

// Enums: values/valueOf/ordinal/name/compareTo, fields and constructors, constant-specific class bodies (their
// classes are Main$Op$1...), abstract methods, interfaces, toString overrides, EnumMap/EnumSet order, switch,
// Enum.valueOf with a bad name, values() returning a fresh array, enum singletons, reflection on constants.
public class Main {
    enum Color { RED, GREEN, BLUE }

    enum Planet {
        MERCURY(3.303e+23, 2.4397e6), EARTH(5.976e+24, 6.37814e6), JUPITER(1.9e+27, 7.1492e7);

        static final double G = 6.67300E-11;
        private final double mass, radius;

        Planet(double mass, double radius) {
            this.mass = mass;
            this.radius = radius;
        }

        double surfaceGravity() { return G * mass / (radius * radius); }
    }

    interface Calc { int apply(int a, int b); }

    enum Op implements Calc {
        ADD("+") {
            @Override
            public int apply(int a, int b) { return a + b; }
        },
        SUB("-") {
            @Override
            public int apply(int a, int b) { return a - b; }
        },
        MUL("*") {
            @Override
            public int apply(int a, int b) { return a * b; }

            @Override
            public String toString() { return "times"; }
        };

        final String symbol;

        Op(String symbol) { this.symbol = symbol; }
    }

    enum Shape {
        SQUARE { double area(double s) { return s * s; } },
        CIRCLE { double area(double s) { return Math.PI * s * s; } };

        abstract double area(double size);
    }

    enum Singleton {
        INSTANCE;
        int hits;

        int hit() { return ++hits; }
    }

    static String mood(Color c) {
        switch (c) {
            case RED: return "angry";
            case GREEN: return "calm";
            default: return "sad";
        }
    }

    public static void main(String[] args) {
        System.out.println("values: " + Arrays.toString(Color.values()));
        for (Color c : Color.values())
            System.out.println(c.name() + " ordinal " + c.ordinal() + " compareTo(GREEN) " + c.compareTo(Color.GREEN) + " mood " + mood(c));
        System.out.println("valueOf: " + Color.valueOf("BLUE") + " " + Enum.valueOf(Color.class, "RED") + " same " + (Color.valueOf("RED") == Color.RED));
        try {
            Color.valueOf("PURPLE");
        } catch (IllegalArgumentException e) {
            System.out.println("bad valueOf: " + e.getMessage());
        }
        try {
            Color.valueOf(null);
        } catch (NullPointerException e) {
            System.out.println("null valueOf: " + e.getMessage());
        }
        Color[] v1 = Color.values();
        v1[0] = null;
        System.out.println("values() is a fresh copy: " + Color.values()[0]);
        for (Planet p : Planet.values()) System.out.printf("%s gravity %.2f%n", p, p.surfaceGravity());
        for (Op op : Op.values())
            System.out.println(op.name() + " " + op + " " + op.symbol + " 6,3 -> " + op.apply(6, 3)
                + " class " + op.getClass().getName() + " declaring " + op.getDeclaringClass().getSimpleName());
        Calc c = Op.valueOf("MUL");
        System.out.println("via interface: " + c.apply(7, 6));
        System.out.println("abstract method: " + Shape.SQUARE.area(3) + " " + Shape.CIRCLE.area(1));
        System.out.println("Color class is enum: " + Color.class.isEnum() + ", Op.ADD class is enum: " + Op.ADD.getClass().isEnum()
            + ", superclass of Color: " + Color.class.getSuperclass().getName());
        System.out.println("enum constants via reflection: " + Arrays.toString(Op.class.getEnumConstants()));

        EnumMap<Color, Integer> counts = new EnumMap<>(Color.class);
        counts.put(Color.BLUE, 3);
        counts.put(Color.RED, 1);
        counts.merge(Color.BLUE, 10, Integer::sum);
        System.out.println("EnumMap: " + counts + " containsKey GREEN " + counts.containsKey(Color.GREEN));
        for (Map.Entry<Color, Integer> e : counts.entrySet()) System.out.print(e.getKey().ordinal() + ":" + e.getValue() + " ");
        System.out.println();
        EnumSet<Color> warm = EnumSet.of(Color.RED);
        System.out.println("EnumSet: " + EnumSet.allOf(Color.class) + " " + EnumSet.complementOf(warm) + " " + EnumSet.noneOf(Color.class)
            + " " + EnumSet.range(Color.RED, Color.GREEN));
        System.out.println("singleton: " + Singleton.INSTANCE.hit() + " " + Singleton.INSTANCE.hit() + " " + Singleton.valueOf("INSTANCE").hits);
        System.out.println("hashCode stable within run: " + (Color.RED.hashCode() == Color.RED.hashCode()) + ", equals " + Color.RED.equals(Color.RED));
        System.out.println("switch expression: " + switch (Op.SUB) { case ADD -> "plus"; case SUB -> "minus"; case MUL -> "times"; });
    }
}
