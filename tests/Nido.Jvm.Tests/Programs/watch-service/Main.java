import java.nio.file.*;
import java.util.*;
import java.util.concurrent.TimeUnit;

// java.nio's WatchService on Linux (inotify): events for files created, written and deleted in a watched
// directory, a cancelled key, a closed service, and a directory that does not exist.
public class Main {
    static List<String> drain(WatchService ws, long firstMillis) throws Exception {
        List<String> seen = new ArrayList<>();
        WatchKey key = ws.poll(firstMillis, TimeUnit.MILLISECONDS);
        while (key != null) {
            for (WatchEvent<?> e : key.pollEvents()) {
                String s = e.kind().name() + " " + e.context();
                if (!seen.contains(s)) seen.add(s);
            }
            key.reset();
            key = ws.poll(100, TimeUnit.MILLISECONDS);
        }
        return seen;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("watch");
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            WatchKey key = dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            System.out.println("valid " + key.isValid() + ", watchable is the directory: " + key.watchable().equals(dir));
            Files.writeString(dir.resolve("a.txt"), "one");
            System.out.println(drain(ws, 5000));
            Files.writeString(dir.resolve("a.txt"), "two", StandardOpenOption.APPEND);
            System.out.println(drain(ws, 5000));
            Files.move(dir.resolve("a.txt"), dir.resolve("b.txt"));
            Files.delete(dir.resolve("b.txt"));
            System.out.println(drain(ws, 5000));
            key.cancel();
            System.out.println("after cancel: valid " + key.isValid());
            Files.createDirectory(dir.resolve("sub"));
            System.out.println("events after cancel: " + drain(ws, 200));
            try {
                dir.resolve("missing").register(ws, StandardWatchEventKinds.ENTRY_CREATE);
            } catch (NoSuchFileException e) {
                System.out.println("NoSuchFileException " + dir.relativize(Path.of(e.getMessage())));
            }
            ws.close();
            try {
                ws.poll();
            } catch (ClosedWatchServiceException e) {
                System.out.println("closed: " + e.getClass().getSimpleName());
            }
        } finally {
            Files.deleteIfExists(dir.resolve("sub"));
            Files.delete(dir);
        }
    }
}
