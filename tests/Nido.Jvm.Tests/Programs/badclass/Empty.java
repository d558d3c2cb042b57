public class Empty {
    public String toString() { return "Empty was loaded"; }
}
