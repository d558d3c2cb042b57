// Refers to BadMagic, whose class file the harness corrupts: resolving the reference fails.
public class UsesBad {
    static Object make() { return new BadMagic(); }
}
