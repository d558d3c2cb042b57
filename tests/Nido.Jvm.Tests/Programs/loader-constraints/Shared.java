public class Shared {
    public int value = 1;
}
