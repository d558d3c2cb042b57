// java.io corners: available() after skipping past the end is 0, a closed stream says "Stream Closed", an
// append-mode stream's channel starts at the end of the file.
import java.io.*;
public class Main {
    public static void main(String[] args) throws Exception {
        File f = File.createTempFile("avail", ".txt"); f.deleteOnExit();
        try (FileOutputStream o = new FileOutputStream(f)) { o.write(new byte[10]); }
        FileInputStream in = new FileInputStream(f);
        System.out.println(in.skip(100) + " " + in.available());
        in.close();
        try { in.available(); } catch (IOException e) { System.out.println(e); }
        try (FileOutputStream o = new FileOutputStream(f, true)) { System.out.println("append position " + o.getChannel().position()); }
    }
}
