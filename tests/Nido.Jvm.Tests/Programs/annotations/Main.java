import java.lang.annotation.*;
import java.lang.reflect.*;
import java.util.Arrays;
import java.util.Comparator;

// Annotations read through reflection: RUNTIME retention is visible, CLASS retention is not; element values of
// every kind (primitives, String, Class, enum, annotation, arrays) and defaults; @Inherited; repeatable
// annotations with their container; annotations on classes, methods, fields, parameters and constructors;
// a tiny annotation-driven validator.
public class Main {
    enum Level { LOW, HIGH }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
    @Inherited
    @interface Info {
        String value();

        int priority() default 1;

        Level level() default Level.LOW;

        Class<?> type() default Object.class;

        String[] tags() default {};

        long big() default 1L << 40;

        double ratio() default 0.5;

        char letter() default 'x';

        boolean flag() default false;
    }

    @Retention(RetentionPolicy.CLASS)
    @interface Invisible { }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Author {
        String name();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Repeatable(Reviews.class)
    @interface Review {
        String by();

        Author author() default @Author(name = "anon");
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Reviews {
        Review[] value();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Range {
        int min();

        int max();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface NotNull { }

    @Info(value = "base class", priority = 5, level = Level.HIGH, type = String.class, tags = {"a", "b"}, letter = 'q', flag = true)
    @Invisible
    @Review(by = "ann")
    @Review(by = "bob", author = @Author(name = "carol"))
    static class Base {
        @Range(min = 0, max = 10)
        int score = 5;

        @Range(min = 1, max = 3)
        int rank = 7;

        @Info("field")
        String label;

        @Deprecated
        Base() { }

        @Info(value = "method", priority = 9)
        void work(@NotNull String what, int times) { }

        void plain() { }
    }

    static class Derived extends Base { }

    static String describe(Info i) {
        return "value=" + i.value() + " priority=" + i.priority() + " level=" + i.level() + " type=" + i.type().getSimpleName()
            + " tags=" + Arrays.toString(i.tags()) + " big=" + i.big() + " ratio=" + i.ratio() + " letter=" + i.letter() + " flag=" + i.flag();
    }

    public static void main(String[] args) throws Exception {
        Info ci = Base.class.getAnnotation(Info.class);
        System.out.println("class: " + describe(ci));
        System.out.println("annotationType: " + ci.annotationType().getSimpleName() + " isAnnotation " + Info.class.isAnnotation());
        System.out.println("CLASS retention visible: " + (Base.class.getAnnotation(Invisible.class) != null));
        System.out.println("inherited onto Derived: " + Derived.class.isAnnotationPresent(Info.class) + ", declared on Derived: "
            + (Derived.class.getDeclaredAnnotation(Info.class) != null));
        Review[] reviews = Base.class.getAnnotationsByType(Review.class);
        for (Review r : reviews) System.out.println("review by " + r.by() + " author " + r.author().name());
        System.out.println("container: " + Base.class.getAnnotation(Reviews.class).value().length + " direct Review: " + Base.class.getAnnotation(Review.class));
        System.out.println("class annotation types: " + Arrays.stream(Base.class.getAnnotations()).map(a -> a.annotationType().getSimpleName()).sorted().toList());

        Method work = Base.class.getDeclaredMethod("work", String.class, int.class);
        System.out.println("method: " + describe(work.getAnnotation(Info.class)));
        System.out.println("plain has annotations: " + Base.class.getDeclaredMethod("plain").getAnnotations().length);
        Annotation[][] pa = work.getParameterAnnotations();
        System.out.println("parameter annotations: " + pa.length + " first " + Arrays.stream(pa[0]).map(a -> a.annotationType().getSimpleName()).toList()
            + " second " + pa[1].length);
        System.out.println("constructor @Deprecated: " + Base.class.getDeclaredConstructor().isAnnotationPresent(Deprecated.class));
        System.out.println("field: " + describe(Base.class.getDeclaredField("label").getAnnotation(Info.class)));

        Info same = Base.class.getAnnotation(Info.class);
        System.out.println("annotation equals itself: " + ci.equals(same) + ", equals method's: " + ci.equals(work.getAnnotation(Info.class))
            + ", hashCode stable: " + (ci.hashCode() == same.hashCode()));

        Base b = new Base();
        Field[] fields = Base.class.getDeclaredFields();
        Arrays.sort(fields, Comparator.comparing(Field::getName));
        for (Field f : fields) {
            Range r = f.getAnnotation(Range.class);
            if (r == null) continue;
            int v = f.getInt(b);
            System.out.println("validate " + f.getName() + "=" + v + " in [" + r.min() + "," + r.max() + "]: " + (v >= r.min() && v <= r.max() ? "ok" : "violation"));
        }
        Retention ret = Info.class.getAnnotation(Retention.class);
        Target tgt = Info.class.getAnnotation(Target.class);
        System.out.println("meta: retention " + ret.value() + " targets " + Arrays.toString(tgt.value()) + " inherited " + Info.class.isAnnotationPresent(Inherited.class));
        System.out.println("default of priority: " + Info.class.getDeclaredMethod("priority").getDefaultValue()
            + " tags default length " + ((String[]) Info.class.getDeclaredMethod("tags").getDefaultValue()).length);
    }
}
