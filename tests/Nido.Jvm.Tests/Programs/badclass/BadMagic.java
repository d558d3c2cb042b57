public class BadMagic {
    public String toString() { return "BadMagic was loaded"; }
}
