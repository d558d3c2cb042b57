public class Good {
    public String hello() { return "Good.hello()"; }
}
