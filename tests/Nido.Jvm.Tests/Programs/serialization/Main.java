// Java serialization: a graph with a non-serializable superclass, transient fields, writeObject/readObject hooks, a
// self reference, enums, records, arrays, collections, the computed serialVersionUID, NotSerializableException.
import java.io.*;
import java.util.*;
public class Main {
    static class Base { int b = 7; Base() { System.out.println("Base()"); } }
    static class P extends Base implements Serializable {
        private static final long serialVersionUID = 1L;
        String name; int age; transient String secret = "s"; List<String> tags = new ArrayList<>(); P self;
        P(String n, int a) { name = n; age = a; tags.add("x"); self = this; }
        private void writeObject(ObjectOutputStream o) throws IOException { o.defaultWriteObject(); o.writeInt(42); }
        private void readObject(ObjectInputStream i) throws IOException, ClassNotFoundException { i.defaultReadObject(); System.out.println("extra " + i.readInt()); }
    }
    static class NoUid implements Serializable { int x = 1; static { } }
    enum Color { RED, GREEN }
    record R(int a, String b) implements Serializable {}
    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
            out.writeObject(new P("ann", 30)); out.writeObject(Color.GREEN); out.writeObject(new R(1, "r"));
            out.writeObject(new int[]{1,2,3}); out.writeObject(new HashMap<>(Map.of("k", 1))); out.writeObject(new NoUid());
        }
        System.out.println("bytes " + bos.size());
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bos.toByteArray()))) {
            P p = (P) in.readObject();
            System.out.println(p.name + " " + p.age + " " + p.secret + " " + p.tags + " " + (p.self == p) + " b=" + p.b);
            System.out.println(in.readObject() + " " + in.readObject() + " " + Arrays.toString((int[]) in.readObject()) + " " + in.readObject() + " " + ((NoUid) in.readObject()).x);
        }
        System.out.println(ObjectStreamClass.lookup(NoUid.class).getSerialVersionUID());
        try { new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(new Object()); } catch (NotSerializableException e) { System.out.println(e); }
    }
}
