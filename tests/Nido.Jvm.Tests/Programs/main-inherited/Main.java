// A public static main inherited from the superclass runs (Class.getMethod finds it), with the subclass initialised
// first as the launcher's main class.
public class Main extends Base {
    static {
        System.out.println("Main initialised");
    }
}

class Base {
    static {
        System.out.println("Base initialised");
    }

    public static void main(String[] args) {
        System.out.println("Base.main with " + args.length + " arguments");
    }
}
