import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

// File I/O in a fresh temporary directory (Files.createTempDirectory; only names relative to it are printed):
// java.nio.file.Files (write/read strings, lines and bytes, directories, sorted listing and walking, copy, move,
// delete, attributes, missing files), java.io streams and readers/writers (FileWriter, BufferedReader,
// PrintWriter, FileInputStream, FileOutputStream in append mode, DataOutput/InputStream, RandomAccessFile),
// java.io.File. Everything is deleted at the end.
public class Main {
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("nido-fileio-");
        try {
            run(dir);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(p);
            }
        }
        System.out.println("cleaned up: " + !Files.exists(dir));
    }

    static void run(Path dir) throws IOException {
        System.out.println("temp dir is a directory: " + Files.isDirectory(dir) + ", empty: " + list(dir).isEmpty());

        Path hello = dir.resolve("hello.txt");
        Files.writeString(hello, "Hello, file!\nSecond line\nünïcödé ✓\n");
        System.out.println("size " + Files.size(hello) + " exists " + Files.exists(hello) + " regular " + Files.isRegularFile(hello));
        System.out.print("readString: " + Files.readString(hello));
        List<String> lines = Files.readAllLines(hello);
        System.out.println("readAllLines: " + lines.size() + " " + lines);
        Files.write(hello, List.of("appended A", "appended B"), StandardOpenOption.APPEND);
        try (Stream<String> s = Files.lines(hello)) {
            System.out.println("lines after append: " + s.map(String::length).collect(Collectors.toList()));
        }
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
        Path bin = dir.resolve("data.bin");
        Files.write(bin, bytes);
        byte[] back = Files.readAllBytes(bin);
        int sum = 0;
        for (byte b : back) sum += b & 0xff;
        System.out.println("binary round trip: " + back.length + " bytes, sum " + sum + ", byte 200 = " + back[200]);

        Path sub = dir.resolve("a/b/c");
        Files.createDirectories(sub);
        Files.writeString(sub.resolve("deep.txt"), "deep");
        Files.writeString(dir.resolve("a/z.txt"), "zzz");
        Files.writeString(dir.resolve("a/m.txt"), "mm");
        Files.createFile(dir.resolve("empty.txt"));
        try {
            Files.createFile(dir.resolve("empty.txt"));
        } catch (FileAlreadyExistsException e) {
            System.out.println("createFile twice: " + e.getClass().getSimpleName());
        }
        System.out.println("listing: " + list(dir));
        System.out.println("listing a: " + list(dir.resolve("a")));
        try (Stream<Path> w = Files.walk(dir)) {
            System.out.println("walk: " + w.map(p -> dir.relativize(p).toString().replace(File.separatorChar, '/')).sorted().collect(Collectors.toList()));
        }
        try (Stream<Path> f = Files.find(dir, 10, (p, attrs) -> attrs.isRegularFile() && p.toString().endsWith(".txt"))) {
            System.out.println("find *.txt: " + f.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve("a"), "*.txt")) {
            List<String> names = new ArrayList<>();
            for (Path p : ds) names.add(p.getFileName().toString());
            names.sort(null);
            System.out.println("glob a/*.txt: " + names);
        }

        Path copy = dir.resolve("copy.txt");
        Files.copy(hello, copy);
        System.out.println("copy equal: " + Files.readString(copy).equals(Files.readString(hello)) + " mismatch " + Files.mismatch(copy, hello));
        try {
            Files.copy(hello, copy);
        } catch (FileAlreadyExistsException e) {
            System.out.println("copy onto existing: " + e.getClass().getSimpleName());
        }
        Files.copy(bin, copy, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("copy replace: size " + Files.size(copy));
        Path moved = dir.resolve("a/moved.bin");
        Files.move(copy, moved);
        System.out.println("move: source exists " + Files.exists(copy) + ", target size " + Files.size(moved));
        Files.delete(moved);
        System.out.println("deleteIfExists again: " + Files.deleteIfExists(moved));
        try {
            Files.readString(dir.resolve("missing.txt"));
        } catch (NoSuchFileException e) {
            System.out.println("read missing: " + e.getClass().getSimpleName() + " names file " + e.getFile().endsWith("missing.txt"));
        }
        try {
            Files.delete(dir.resolve("a"));
        } catch (DirectoryNotEmptyException e) {
            System.out.println("delete non-empty dir: " + e.getClass().getSimpleName());
        }
        BasicFileAttributes attrs = Files.readAttributes(hello, BasicFileAttributes.class);
        System.out.println("attributes: size " + attrs.size() + " dir " + attrs.isDirectory() + " file " + attrs.isRegularFile() + " symlink " + attrs.isSymbolicLink());

        File txt = dir.resolve("writer.txt").toFile();
        try (FileWriter fw = new FileWriter(txt, StandardCharsets.UTF_8); BufferedWriter bw = new BufferedWriter(fw)) {
            for (int i = 1; i <= 5; i++) {
                bw.write("line " + i + " " + "*".repeat(i));
                bw.newLine();
            }
        }
        try (PrintWriter pw = new PrintWriter(new FileWriter(txt, true))) {
            pw.printf("printf %d %s%n", 42, "end");
            pw.print(3.5);
            pw.println();
        }
        try (BufferedReader br = new BufferedReader(new FileReader(txt, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = br.readLine()) != null) System.out.println("  read[" + n++ + "] " + line);
        }
        File raw = dir.resolve("raw.dat").toFile();
        try (FileOutputStream fos = new FileOutputStream(raw)) {
            fos.write("abc".getBytes(StandardCharsets.US_ASCII));
        }
        try (FileOutputStream fos = new FileOutputStream(raw, true)) {
            fos.write('d');
            fos.write(new byte[] {'e', 'f', 'g'}, 1, 2);
        }
        try (FileInputStream fis = new FileInputStream(raw)) {
            System.out.print("FileInputStream: available " + fis.available() + " first " + (char) fis.read() + " skip " + fis.skip(2) + " rest ");
            byte[] buf = new byte[10];
            int r = fis.read(buf);
            System.out.println(new String(buf, 0, r, StandardCharsets.US_ASCII) + " then " + fis.read());
        }
        File data = dir.resolve("prims.dat").toFile();
        try (DataOutputStream dos = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(data)))) {
            dos.writeInt(-123456);
            dos.writeLong(Long.MIN_VALUE);
            dos.writeDouble(Math.PI);
            dos.writeFloat(-0.0f);
            dos.writeBoolean(true);
            dos.writeChar('λ');
            dos.writeShort(-2);
            dos.writeUTF("modified UTF-8 ✓ \0");
        }
        System.out.println("data file length " + data.length());
        try (DataInputStream dis = new DataInputStream(new BufferedInputStream(new FileInputStream(data)))) {
            System.out.println("data round trip: " + dis.readInt() + " " + dis.readLong() + " " + dis.readDouble() + " " + dis.readFloat() + " "
                + dis.readBoolean() + " " + dis.readChar() + " " + dis.readShort() + " [" + dis.readUTF().replace("\0", "\\0") + "]");
            try {
                dis.readByte();
            } catch (EOFException e) {
                System.out.println("read past end: " + e.getClass().getSimpleName());
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("raf.bin").toFile(), "rw")) {
            raf.setLength(16);
            raf.seek(8);
            raf.writeInt(0xCAFEBABE);
            raf.seek(0);
            raf.writeShort(7);
            System.out.print("RandomAccessFile: length " + raf.length() + " pointer " + raf.getFilePointer());
            raf.seek(8);
            System.out.println(" int at 8 " + Integer.toHexString(raf.readInt()) + " short at 0 " + readShortAt(raf, 0));
        }
        File f = dir.toFile();
        String[] names = f.list();
        java.util.Arrays.sort(names);
        System.out.println("File.list: " + java.util.Arrays.toString(names));
        File[] files = f.listFiles(File::isFile);
        java.util.Arrays.sort(files);
        StringBuilder sb = new StringBuilder();
        for (File x : files) sb.append(x.getName()).append('=').append(x.length()).append(' ');
        System.out.println("File.listFiles: " + sb.toString().trim());
        File nf = new File(f, "newdir/inner");
        System.out.println("mkdirs " + nf.mkdirs() + " again " + nf.mkdirs() + " isDirectory " + nf.isDirectory() + " parent " + nf.getParentFile().getName()
            + " delete " + nf.delete() + " exists " + nf.exists());
        File rel = new File("some/relative/../path.txt");
        System.out.println("File path ops: " + rel.getPath() + " name " + rel.getName() + " parent " + rel.getParent() + " absolute " + rel.isAbsolute());
        Path p = Paths.get("/x/y/../z/./w.txt");
        System.out.println("Path ops: " + p.normalize() + " name " + p.getFileName() + " count " + p.getNameCount() + " root " + p.getRoot()
            + " relativize " + Paths.get("/a/b").relativize(Paths.get("/a/c/d")) + " resolveSibling " + Paths.get("/a/b").resolveSibling("c")
            + " startsWith " + p.startsWith("/x"));
        try {
            new FileInputStream(new File(f, "nope"));
        } catch (FileNotFoundException e) {
            System.out.println("FileInputStream on missing file: " + e.getClass().getSimpleName());
        }
    }

    static int readShortAt(RandomAccessFile raf, long pos) throws IOException {
        raf.seek(pos);
        return raf.readShort();
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "")).sorted().collect(Collectors.toList());
        }
    }
}
