// A main that returns a value: java's launcher refuses it ("must return a value of type void"), exit 1.
public class Main {
    public static int main(String[] args) {
        System.out.println("never printed");
        return 0;
    }
}
