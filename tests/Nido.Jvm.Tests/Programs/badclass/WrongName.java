public class WrongName {
    public String toString() { return "WrongName was loaded"; }
}
