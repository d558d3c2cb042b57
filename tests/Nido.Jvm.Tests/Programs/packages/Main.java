import com.example.shapes.Circle;
import com.example.shapes.Shape;
import com.example.shapes.Shapes;
import com.example.util.Strings;

import static com.example.util.Strings.shout;

// Classes in named packages (sources in matching directories): imports and static imports, package-private
// access inside a package, protected access from a subclass in another package, Class/Package names,
// package-private classes reached through a public factory.
public class Main {
    static class MyShape extends Shape {
        MyShape() { super("mine"); }

        @Override
        public double area() { return 2.0; }

        String peek() { return label + " via protected field, " + describeProtected(); }
    }

    public static void main(String[] args) throws Exception {
        Shape c = new Circle(2);
        Shape sq = Shapes.square(3);
        System.out.println(c.describe() + " | " + sq.describe());
        System.out.println(shout("static import") + " " + Strings.pad("x", 5) + "|");
        MyShape mine = new MyShape();
        System.out.println(mine.peek());
        System.out.println("classes: " + c.getClass().getName() + " " + sq.getClass().getName() + " simple " + sq.getClass().getSimpleName());
        System.out.println("packages: " + c.getClass().getPackageName() + " " + Strings.class.getPackage().getName() + " Main's '" + Main.class.getPackageName() + "'");
        System.out.println("package-private class public? " + java.lang.reflect.Modifier.isPublic(sq.getClass().getModifiers()));
        System.out.println("same package count: " + Shapes.created());
        Class<?> k = Class.forName("com.example.shapes.Square");
        System.out.println("forName package-private: " + k.getName());
        try {
            k.getDeclaredConstructor(double.class).newInstance(1.0);
        } catch (IllegalAccessException e) {
            System.out.println("reflective access to package-private constructor from another package: " + e.getClass().getSimpleName());
        }
    }
}
