// System.gc from inside a class loader that an instruction (getstatic) triggered: the frame that ran getstatic is
// not stopped at an invoke, so its locals must survive the collection untouched (the VM clears only locals that are
// dead at a known invoke).
public class Main {
    static class Loader extends ClassLoader {
        Loader() { super(Main.class.getClassLoader()); }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals("Victim") && !name.equals("Other")) return super.loadClass(name, resolve);
            if (name.equals("Other")) System.gc();
            try (var in = Main.class.getResourceAsStream("/" + name + ".class")) {
                byte[] b = in.readAllBytes();
                return defineClass(name, b, 0, b.length);
            } catch (java.io.IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Loader loader = new Loader();
        loader.loadClass("Victim").getMethod("run", ClassLoader.class).invoke(null, loader);
    }
}
