import java.nio.*;
import java.nio.channels.*;
import java.nio.file.*;
// FileChannel.map: read-write, read-only and private mappings, load/isLoaded, force (msync), and what reaches the file.
public class Main {
  public static void main(String[] a) throws Exception {
    Path p = Files.createTempFile("map", ".bin");
    Files.write(p, new byte[1 << 16]);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 16);
      b.load();
      System.out.println("loaded " + b.isLoaded());
      for (int i = 0; i < b.capacity(); i += 4) b.putInt(i, i);
      b.force();
      MappedByteBuffer r = ch.map(FileChannel.MapMode.READ_ONLY, 4096, 4096);
      System.out.println(r.getInt(0) + " " + r.order() + " " + r.isReadOnly());
      MappedByteBuffer priv = ch.map(FileChannel.MapMode.PRIVATE, 0, 16);
      priv.putInt(0, 99);
    }
    byte[] bytes = Files.readAllBytes(p);
    System.out.println(ByteBuffer.wrap(bytes).getInt(8192) + " " + ByteBuffer.wrap(bytes).getInt(0));
    Files.delete(p);
  }
}
