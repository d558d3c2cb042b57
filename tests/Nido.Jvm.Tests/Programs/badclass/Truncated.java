public class Truncated {
    public String toString() { return "Truncated was loaded"; }
}
