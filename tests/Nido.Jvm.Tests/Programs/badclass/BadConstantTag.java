public class BadConstantTag {
    public String toString() { return "BadConstantTag was loaded"; }
}
