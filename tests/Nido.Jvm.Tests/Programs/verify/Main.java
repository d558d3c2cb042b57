import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

// Bytecode verification (JVMS 4.10): classes assembled here, byte by byte, and defined by a class loader. Each
// hostile one must fail with HotSpot's VerifyError (the whole message: location, reason, frames, bytecode dump and
// stack map table) when it is initialized, a second attempt must fail again, nothing may crash, and valid hand-made
// code (a loop with its StackMapTable) must run.
public class Main {
    /** A minimal class file writer: one class extending Object, static methods with raw code and stack maps. */
    static final class Asm {
        final List<byte[]> pool = new ArrayList<>();
        final Map<String, Integer> indexes = new LinkedHashMap<>();
        final ByteArrayOutputStream methods = new ByteArrayOutputStream();
        int methodCount;
        final String name;
        String superName = "java/lang/Object";

        Asm(String name) { this.name = name; }

        Asm extending(String superName) { this.superName = superName; return this; }

        int constant(String key, byte[] entry) {
            Integer known = indexes.get(key);
            if (known != null) return known;
            pool.add(entry);
            indexes.put(key, pool.size());
            return pool.size();
        }

        int utf8(String s) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream d = new DataOutputStream(b)) { d.writeByte(1); d.writeUTF(s); } catch (IOException e) { throw new RuntimeException(e); }
            return constant("U" + s, b.toByteArray());
        }

        int cls(String internalName) { int u = utf8(internalName); return constant("C" + internalName, new byte[] {7, (byte) (u >> 8), (byte) u}); }

        int nameAndType(String n, String t) {
            int a = utf8(n), b = utf8(t);
            return constant("N" + n + t, new byte[] {12, (byte) (a >> 8), (byte) a, (byte) (b >> 8), (byte) b});
        }

        int member(int tag, String owner, String n, String t) {
            int c = cls(owner), nt = nameAndType(n, t);
            return constant(tag + owner + n + t, new byte[] {(byte) tag, (byte) (c >> 8), (byte) c, (byte) (nt >> 8), (byte) nt});
        }

        Asm method(int flags, String n, String descriptor, int maxStack, int maxLocals, int[] code, int[] stackMap) {
            try {
                DataOutputStream d = new DataOutputStream(methods);
                d.writeShort(flags); d.writeShort(utf8(n)); d.writeShort(utf8(descriptor)); d.writeShort(1);
                d.writeShort(utf8("Code"));
                int mapLength = stackMap == null ? 0 : 7 + stackMap.length; // name, length, count (u2, from stackMap[0]), frames
                d.writeInt(12 + code.length + mapLength);
                d.writeShort(maxStack); d.writeShort(maxLocals); d.writeInt(code.length);
                for (int b : code) d.writeByte(b);
                d.writeShort(0); // no exception table
                if (stackMap == null) d.writeShort(0);
                else {
                    d.writeShort(1); d.writeShort(utf8("StackMapTable")); d.writeInt(1 + stackMap.length);
                    int frames = stackMap[0];
                    d.writeShort(frames);
                    for (int i = 1; i < stackMap.length; i++) d.writeByte(stackMap[i]);
                }
                methodCount++;
                return this;
            } catch (IOException e) { throw new RuntimeException(e); }
        }

        Asm run(String descriptor, int maxStack, int maxLocals, int... code) { return method(0x9, "run", descriptor, maxStack, maxLocals, code, null); }

        byte[] bytes() {
            try {
                int self = cls(name), object = cls(superName);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                DataOutputStream d = new DataOutputStream(out);
                d.writeInt(0xCAFEBABE); d.writeShort(0); d.writeShort(61);
                d.writeShort(pool.size() + 1);
                for (byte[] e : pool) d.write(e);
                d.writeShort(0x21); d.writeShort(self); d.writeShort(object);
                d.writeShort(0); d.writeShort(0);
                d.writeShort(methodCount); d.write(methods.toByteArray());
                d.writeShort(0);
                return out.toByteArray();
            } catch (IOException e) { throw new RuntimeException(e); }
        }
    }

    static final class Loader extends ClassLoader {
        Loader() { super(Main.class.getClassLoader()); }
        Class<?> define(Asm a) { byte[] b = a.bytes(); return defineClass(a.name.replace('/', '.'), b, 0, b.length); }
    }

    static void attempt(Asm a) {
        Loader loader = new Loader();
        Class<?> c;
        try {
            c = loader.define(a);
        } catch (Throwable t) {
            System.out.println(a.name + ": define: " + t.getClass().getName());
            return;
        }
        for (int i = 0; i < 2; i++) {
            try {
                Object r = c.getMethod("run").invoke(null);
                System.out.println(a.name + ": ran, " + r);
                return;
            } catch (java.lang.reflect.InvocationTargetException e) {
                System.out.println(a.name + ": threw " + e.getCause());
                return;
            } catch (Throwable t) {
                System.out.println(a.name + ": " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }

    /** As attempt, with identity hashes (in loader names) masked. */
    static void attemptMasked(Asm a) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            attempt(a);
        } finally {
            System.setOut(out);
        }
        out.print(captured.toString().replaceAll("@[0-9a-f]+", "@HASH"));
    }

    public static void main(String[] args) throws Exception {
        final int ICONST_0 = 0x03, ICONST_1 = 0x04, LCONST_0 = 0x09, BIPUSH = 0x10, ILOAD_0 = 0x1a, ILOAD_1 = 0x1b, ALOAD_3 = 0x2d,
            IALOAD = 0x2e, ISTORE_0 = 0x3b, ISTORE_1 = 0x3c, POP = 0x57, DUP = 0x59, IADD = 0x60, IINC = 0x84, IFEQ = 0x99,
            IF_ICMPGE = 0xa2, GOTO = 0xa7, IRETURN = 0xac, ARETURN = 0xb0, RETURN = 0xb1, INVOKESTATIC = 0xb8, NEW = 0xbb,
            ACONST_NULL = 0x01, NOP = 0x00;
        String obj = "()Ljava/lang/Object;";
        attempt(new Asm("IntAsRef").run(obj, 1, 0, ICONST_0, ARETURN));
        attempt(new Asm("Underflow").run("()V", 1, 0, POP, RETURN));
        attempt(new Asm("BadLocal").run(obj, 1, 4, ALOAD_3, ARETURN));
        attempt(new Asm("FallOff").run("()V", 1, 0, NOP));
        attempt(new Asm("WrongReturn").run("()I", 2, 0, LCONST_0, IRETURN));
        Asm uninit = new Asm("Uninit");
        int object = uninit.cls("java/lang/Object");
        attempt(uninit.run(obj, 1, 0, NEW, object >> 8, object & 0xff, ARETURN));
        attempt(new Asm("IntAsArray").run("()I", 2, 0, ICONST_1, ICONST_0, IALOAD, IRETURN));
        attempt(new Asm("NoFrameAtTarget").run("()V", 1, 0, ICONST_0, IFEQ, 0, 3, RETURN));
        attempt(new Asm("IntoAnInstruction").run("()I", 1, 0, GOTO, 0, 4, BIPUSH, IRETURN, IRETURN));
        attempt(new Asm("TooDeep").run("()I", 1, 0, ICONST_0, ICONST_1, IADD, IRETURN));
        attempt(new Asm("SplitLong").run("()V", 4, 0, LCONST_0, DUP, POP, POP, POP, RETURN));
        Asm call = new Asm("WrongArgument");
        int toString = call.member(10, "java/lang/Integer", "toString", "(I)Ljava/lang/String;");
        attempt(call.run(obj, 1, 0, ACONST_NULL, INVOKESTATIC, toString >> 8, toString & 0xff, ARETURN));
        Asm noSuper = new Asm("NoSuperCall"); // the constructor overwrites this instead of calling super()
        int self = noSuper.cls("NoSuperCall"), init = noSuper.member(10, "NoSuperCall", "<init>", "()V");
        noSuper.method(0x1, "<init>", "()V", 2, 1, new int[] {0x2a, ACONST_NULL, 0x4b, RETURN}, null);
        attempt(noSuper.run(obj, 2, 0, NEW, self >> 8, self & 0xff, DUP, 0xb7, init >> 8, init & 0xff, ARETURN));
        Asm special = new Asm("SpecialOnUnrelated"); // invokespecial of a method of a class this one does not extend
        int hash = special.member(10, "java/lang/String", "hashCode", "()I");
        attempt(special.run("()I", 1, 0, ACONST_NULL, 0xb7, hash >> 8, hash & 0xff, IRETURN));
        // Protected members of a superclass in another run-time package (JVMS 4.10.1.8): usable on this class's
        // objects, not on any instance of the superclass.
        for (String kind : new String[] {"getfield", "putfield", "invokevirtual", "self"}) {
            String name = "Protected" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
            Asm a = new Asm(name).extending("p/Base");
            int baseInit = a.member(10, "p/Base", "<init>", "()V");
            a.method(0x1, "<init>", "()V", 1, 1, new int[] {0x2a, 0xb7, baseInit >> 8, baseInit & 0xff, RETURN}, null);
            int f = a.member(9, "p/Base", "f", "I"), m = a.member(10, "p/Base", "m", "()I");
            int made = kind.equals("self") ? a.cls(name) : a.cls("p/Base");
            int ctor = kind.equals("self") ? a.member(10, name, "<init>", "()V") : baseInit;
            int[] start = {NEW, made >> 8, made & 0xff, DUP, 0xb7, ctor >> 8, ctor & 0xff};
            int[] rest = switch (kind) {
                case "getfield" -> new int[] {0xb4, f >> 8, f & 0xff, IRETURN};
                case "putfield" -> new int[] {ICONST_1, 0xb5, f >> 8, f & 0xff, ICONST_0, IRETURN};
                case "invokevirtual" -> new int[] {0xb6, m >> 8, m & 0xff, IRETURN};
                default -> new int[] {DUP, 0xb4, f >> 8, f & 0xff, 0x5f, 0xb6, m >> 8, m & 0xff, IADD, IRETURN};
            };
            int[] code = java.util.Arrays.copyOf(start, start.length + rest.length);
            System.arraycopy(rest, 0, code, start.length, rest.length);
            attempt(a.run("()I", 3, 0, code));
        }
        // MethodHandle's invokeBasic and linkTo* are package-private: called from outside java.lang.invoke they would
        // pass arguments of any type past every check, so linking the call fails (IllegalAccessError).
        Asm basic = new Asm("InvokeBasic");
        int invokeBasic = basic.member(10, "java/lang/invoke/MethodHandle", "invokeBasic", "(Ljava/lang/Object;)[I");
        attemptMasked(basic.run(obj, 2, 0, ACONST_NULL, ACONST_NULL, 0xb6, invokeBasic >> 8, invokeBasic & 0xff, ARETURN));
        Asm link = new Asm("LinkToStatic");
        int linkTo = link.member(10, "java/lang/invoke/MethodHandle", "linkToStatic", "(ILjava/lang/invoke/MemberName;)[D");
        attemptMasked(link.run(obj, 2, 0, ICONST_1, ACONST_NULL, INVOKESTATIC, linkTo >> 8, linkTo & 0xff, ARETURN));
        Asm wrongKind = new Asm("InvokeStaticOfInvokeExact");
        int exact = wrongKind.member(10, "java/lang/invoke/MethodHandle", "invokeExact", "()V");
        attemptMasked(wrongKind.run("()V", 1, 0, INVOKESTATIC, exact >> 8, exact & 0xff, RETURN));
        Asm virtualLink = new Asm("InvokeVirtualOfLinkToStatic");
        int linkVirtual = virtualLink.member(10, "java/lang/invoke/MethodHandle", "linkToStatic", "(Ljava/lang/invoke/MemberName;)V");
        attemptMasked(virtualLink.run("()V", 2, 0, ACONST_NULL, ACONST_NULL, 0xb6, linkVirtual >> 8, linkVirtual & 0xff, RETURN));
        // A branch whose target's stack map frame wants a String in local 1 that only the fall-through path stores.
        Asm branch = new Asm("BranchMismatch");
        int string = branch.cls("java/lang/String");
        attempt(branch.method(0x9, "run", "()V", 1, 2, new int[] {ICONST_0, IFEQ, 0, 5, ACONST_NULL, 0x4c, RETURN},
            new int[] {1, 255, 0, 6, 0, 2, 0, 7, string >> 8, string & 0xff, 0, 0}));
        Asm unused = new Asm("BadButNeverCalled");
        unused.run("()I", 1, 0, ICONST_1, IRETURN);
        unused.method(0x9, "never", "()V", 1, 0, new int[] {POP, RETURN}, null);
        attempt(unused);
        // sum of 0..9 in a loop: frames at 4 (append int, int) and 20 (same).
        attempt(new Asm("Loop").method(0x9, "run", "()I", 2, 2, new int[] {
            ICONST_0, ISTORE_0, ICONST_0, ISTORE_1,
            ILOAD_1, BIPUSH, 10, IF_ICMPGE, 0, 13,
            ILOAD_0, ILOAD_1, IADD, ISTORE_0, IINC, 1, 1, GOTO, 0xff, 0xf3,
            ILOAD_0, IRETURN}, new int[] {2, 253, 0, 4, 1, 1, 15}));
        attempt(new Asm("LoopWithoutFrames").run("()I", 2, 2,
            ICONST_0, ISTORE_0, ICONST_0, ISTORE_1,
            ILOAD_1, BIPUSH, 10, IF_ICMPGE, 0, 13,
            ILOAD_0, ILOAD_1, IADD, ISTORE_0, IINC, 1, 1, GOTO, 0xff, 0xf3,
            ILOAD_0, IRETURN));
        // Mutants of the loop (one byte of its code or stack map changed, a fixed seed): each is rejected or runs;
        // none may crash the JVM. A mutant that loops forever is left running on a daemon thread.
        int[] loopCode = {ICONST_0, ISTORE_0, ICONST_0, ISTORE_1, ILOAD_1, BIPUSH, 10, IF_ICMPGE, 0, 13,
            ILOAD_0, ILOAD_1, IADD, ISTORE_0, IINC, 1, 1, GOTO, 0xff, 0xf3, ILOAD_0, IRETURN};
        int[] loopMap = {2, 253, 0, 4, 1, 1, 15};
        java.util.Random random = new java.util.Random(42);
        int finished = 0;
        for (int i = 0; i < 400; i++) {
            int[] code = loopCode.clone(), map = loopMap.clone();
            int at = random.nextInt(code.length + map.length - 1);
            int value = random.nextInt(256);
            if (at < code.length) code[at] = value; else map[at - code.length + 1] = value;
            Asm mutant = new Asm("Mutant" + i).method(0x9, "run", "()I", 2, 2, code, map);
            Thread runner = new Thread(() -> {
                try { new Loader().define(mutant).getMethod("run").invoke(null); } catch (Throwable expected) { }
            });
            runner.setDaemon(true);
            runner.start();
            runner.join(2000);
            if (!runner.isAlive()) finished++;
        }
        System.out.println("mutants run or rejected: " + (finished > 300 ? "most" : "few"));
        // The same mutants again, linked but not run: each must pass or fail with exactly HotSpot's message.
        java.util.Random linkRandom = new java.util.Random(43);
        for (int i = 0; i < 400; i++) {
            int[] code = loopCode.clone(), map = loopMap.clone();
            for (int n = 1 + linkRandom.nextInt(2); n > 0; n--) {
                int at = linkRandom.nextInt(code.length + map.length - 1);
                int value = linkRandom.nextInt(256);
                if (at < code.length) code[at] = value; else map[at - code.length + 1] = value;
            }
            Asm mutant = new Asm("Linked" + i).method(0x9, "run", "()I", 2, 2, code, map);
            try {
                Loader loader = new Loader();
                loader.define(mutant);
                Class.forName(mutant.name, true, loader);
                System.out.println(mutant.name + ": verified");
            } catch (Throwable t) {
                System.out.println(mutant.name + ": " + t);
            }
        }
        System.out.println("the JVM carries on");
    }
}
