import java.io.*;
import java.nio.file.*;

// java.io.File through symbolic links and special files, as libjava's stat/access/realpath see them: a link's
// target's length and time, a dangling link that does not exist, canonical paths that resolve a link before "..",
// devices that are neither files nor directories, names under a regular file, and errno texts.
public class Main {
    public static void main(String[] args) throws Exception {
        Files.createDirectories(Path.of("a/b"));
        Files.write(Path.of("a/f.txt"), new byte[100]);
        new File("a/f.txt").setLastModified(1_000_000_000_000L);
        Files.createSymbolicLink(Path.of("link"), Path.of("a/f.txt"));
        Files.createSymbolicLink(Path.of("lnk"), Path.of("a/b"));
        Files.createSymbolicLink(Path.of("dangling"), Path.of("nowhere"));
        File link = new File("link");
        System.out.println("link " + link.exists() + " " + link.isFile() + " " + link.length() + " " + link.lastModified());
        File d = new File("dangling");
        System.out.println("dangling " + d.exists() + " " + d.isFile() + " " + d.length() + " " + d.canRead() + " " + d.canWrite() + " " + d.canExecute() + " " + d.setLastModified(5000));
        String cwd = new File(".").getCanonicalPath();
        System.out.println(new File("lnk/../f.txt").getCanonicalPath().substring(cwd.length()));
        System.out.println(new File("lnk/..").getCanonicalFile().getName());
        System.out.println(new File("lnk/x/../y").getCanonicalPath().substring(cwd.length()));
        File dev = new File("/dev/null");
        System.out.println("dev " + dev.exists() + " " + dev.isFile() + " " + dev.isDirectory());
        System.out.println("dir length>0 " + (new File("a").length() > 0));
        System.out.println("under file " + new File("a/f.txt/.").exists() + " " + new File("a/f.txt/..").exists());
        try { new File("x".repeat(300)).createNewFile(); } catch (IOException e) { System.out.println(e); }
        System.out.println("create " + new File("a/new.txt").createNewFile() + " " + new File("a/new.txt").createNewFile());
        try { new File("missing/dir/f").createNewFile(); } catch (IOException e) { System.out.println(e); }
    }
}
