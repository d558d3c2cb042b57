// A public main that is inherited and not static: the launcher refuses it, naming the main class, exit 1.
public class Main extends Base {
}

class Base {
    public void main(String[] args) {
        System.out.println("never printed");
    }
}
