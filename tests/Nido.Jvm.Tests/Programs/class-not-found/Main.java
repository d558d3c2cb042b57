// Classes that are not there (corrupt.txt deletes Gone.class and Later.class after javac): Class.forName through
// the application, platform and bootstrap loaders, array names, a user-defined loader's own exception, and the
// NoClassDefFoundError of a reference to a missing class, whose cause is the loader's ClassNotFoundException with
// the loader's frames (a user-defined loader's own exception), and whose second attempt fails the same way without
// asking the loader again (JVMS 5.4.3).
// The last one is uncaught: java's trace shape and exit status 1.
public class Main {
    static class Loud extends ClassLoader {
        Loud(ClassLoader parent) { super(parent); }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            System.out.println("findClass " + name);
            throw new ClassNotFoundException("not in Loud: " + name);
        }
    }

    // Defines Picked itself (from the class path's bytes) and refuses Gone with its own exception.
    static class Picky extends ClassLoader {
        Picky(ClassLoader parent) { super(parent); }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals("Gone")) throw new ClassNotFoundException("picky about " + name);
            if (!name.equals("Picked")) return super.loadClass(name, resolve);
            try (java.io.InputStream in = getParent().getResourceAsStream("Picked.class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (java.io.IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    static void forName(String name, boolean boot) {
        try {
            Class<?> c = boot ? Class.forName(name, false, null) : Class.forName(name);
            System.out.println("found " + c.getName());
        } catch (ClassNotFoundException e) {
            e.printStackTrace(System.out);
            System.out.println("frames " + e.getStackTrace().length);
        }
    }

    static Object makeGone() { return new Gone(); }

    static Object makeHolder() { return new Holder(); }

    public static void main(String[] args) throws Exception {
        forName("p.Nope", false);
        forName("Gone", false);
        forName("[Lp.Nope;", false);
        forName("[[Lq.r.Nope;", false);
        forName("[Q", false);
        forName("p.Nope", true);
        forName("[Lp.Nope;", true);
        forName("java.lang.Nope", true);
        forName("java.lang.String", true);
        forName("[Ljava.lang.String;", false);
        try {
            Class.forName("p.Nope", true, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException e) {
            e.printStackTrace(System.out);
        }
        try {
            ClassLoader.getSystemClassLoader().loadClass("s.Nope");
        } catch (ClassNotFoundException e) {
            e.printStackTrace(System.out);
        }
        Loud loud = new Loud(Main.class.getClassLoader());
        try {
            Class.forName("l.Nope", false, loud);
        } catch (ClassNotFoundException e) {
            e.printStackTrace(System.out);
        }
        try {
            Class.forName("[[Ll.Nope;", false, loud);
        } catch (ClassNotFoundException e) {
            e.printStackTrace(System.out);
        }
        System.out.println(Class.forName("Main$Loud", false, loud).getName());
        java.lang.reflect.Constructor<?> make = Class.forName("Picked", true, new Picky(Main.class.getClassLoader())).getDeclaredConstructor();
        make.setAccessible(true); // Picked is package-private, and Picky's copy is in a runtime package of its own
        Runnable picked = (Runnable) make.newInstance();
        for (int i = 0; i < 2; i++) {
            try {
                picked.run();
            } catch (NoClassDefFoundError e) {
                e.printStackTrace(System.out);
            }
        }
        for (int i = 0; i < 2; i++) {
            try {
                makeGone();
            } catch (NoClassDefFoundError e) {
                e.printStackTrace(System.out);
            }
            try {
                makeHolder();
            } catch (NoClassDefFoundError e) {
                e.printStackTrace(System.out);
            }
        }
        System.out.println(new Later() == null);
    }
}

class Gone {
}

class Holder {
    Gone gone = new Gone();
}

class Later {
}

class Picked implements Runnable {
    public void run() {
        System.out.println(new Gone());
    }
}
