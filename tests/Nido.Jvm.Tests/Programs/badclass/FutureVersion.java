public class FutureVersion {
    public String toString() { return "FutureVersion was loaded"; }
}
