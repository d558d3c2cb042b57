import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

// Verification by type inference (JVMS 4.10.2): class files of version 49 (no StackMapTable) assembled byte by
// byte, and version 50 ones, whose type-check failure falls back to inference. Hostile methods must fail with
// HotSpot's old verifier's exact message, valid ones (subroutines, handlers, merges) must run.
public class Main {
    static final class Asm {
        final List<byte[]> pool = new ArrayList<>();
        final Map<String, Integer> indexes = new LinkedHashMap<>();
        final ByteArrayOutputStream methods = new ByteArrayOutputStream();
        int methodCount;
        final String name;
        String superName = "java/lang/Object";
        int version = 49;

        Asm(String name) { this.name = name; }

        Asm extending(String superName) { this.superName = superName; return this; }

        Asm version(int version) { this.version = version; return this; }

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

        int string(String s) { int u = utf8(s); return constant("S" + s, new byte[] {8, (byte) (u >> 8), (byte) u}); }

        int nameAndType(String n, String t) {
            int a = utf8(n), b = utf8(t);
            return constant("N" + n + t, new byte[] {12, (byte) (a >> 8), (byte) a, (byte) (b >> 8), (byte) b});
        }

        int member(int tag, String owner, String n, String t) {
            int c = cls(owner), nt = nameAndType(n, t);
            return constant(tag + owner + n + t, new byte[] {(byte) tag, (byte) (c >> 8), (byte) c, (byte) (nt >> 8), (byte) nt});
        }

        /** handlers: {start, end, handler, catch type constant (0: any)} each. */
        Asm method(int flags, String n, String descriptor, int maxStack, int maxLocals, int[] code, int[]... handlers) {
            try {
                DataOutputStream d = new DataOutputStream(methods);
                d.writeShort(flags); d.writeShort(utf8(n)); d.writeShort(utf8(descriptor)); d.writeShort(1);
                d.writeShort(utf8("Code"));
                d.writeInt(12 + code.length + 8 * handlers.length);
                d.writeShort(maxStack); d.writeShort(maxLocals); d.writeInt(code.length);
                for (int b : code) d.writeByte(b);
                d.writeShort(handlers.length);
                for (int[] h : handlers) for (int v : h) d.writeShort(v);
                d.writeShort(0);
                methodCount++;
                return this;
            } catch (IOException e) { throw new RuntimeException(e); }
        }

        Asm run(String descriptor, int maxStack, int maxLocals, int... code) { return method(0x9, "run", descriptor, maxStack, maxLocals, code); }

        byte[] bytes() {
            try {
                int self = cls(name), sup = cls(superName);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                DataOutputStream d = new DataOutputStream(out);
                d.writeInt(0xCAFEBABE); d.writeShort(0); d.writeShort(version);
                d.writeShort(pool.size() + 1);
                for (byte[] e : pool) d.write(e);
                d.writeShort(0x21); d.writeShort(self); d.writeShort(sup);
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
            System.out.println(a.name + ": define: " + t);
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

    static final int NOP = 0x00, ACONST_NULL = 0x01, ICONST_0 = 0x03, ICONST_1 = 0x04, ICONST_3 = 0x06, ICONST_5 = 0x08,
        LCONST_0 = 0x09, FCONST_0 = 0x0b, BIPUSH = 0x10, LDC = 0x12, ILOAD = 0x15, ALOAD = 0x19, ILOAD_0 = 0x1a, ILOAD_1 = 0x1b,
        ALOAD_0 = 0x2a, ALOAD_1 = 0x2b, ALOAD_3 = 0x2d, IALOAD = 0x2e, ISTORE_0 = 0x3b, ISTORE_1 = 0x3c, FSTORE_0 = 0x43,
        ASTORE_0 = 0x4b, ASTORE_1 = 0x4c, POP = 0x57, DUP = 0x59, IADD = 0x60, IINC = 0x84, IFEQ = 0x99, IF_ICMPGE = 0xa2,
        GOTO = 0xa7, JSR = 0xa8, RET = 0xa9, LOOKUPSWITCH = 0xab, IRETURN = 0xac, ARETURN = 0xb0, RETURN = 0xb1,
        GETFIELD = 0xb4, INVOKEVIRTUAL = 0xb6, INVOKESPECIAL = 0xb7, INVOKESTATIC = 0xb8, NEW = 0xbb, ATHROW = 0xbf,
        CHECKCAST = 0xc0;

    static int hi(int v) { return (v >> 8) & 0xff; }
    static int lo(int v) { return v & 0xff; }

    public static void main(String[] args) throws Exception {
        String obj = "()Ljava/lang/Object;";
        attempt(new Asm("IntAsRef").run(obj, 1, 0, ICONST_0, ARETURN));
        attempt(new Asm("Underflow").run("()V", 1, 0, POP, RETURN));
        attempt(new Asm("UnsetLocal").run(obj, 1, 4, ALOAD_3, ARETURN));
        attempt(new Asm("LocalOutOfRange").run(obj, 1, 2, ALOAD, 5, ARETURN));
        attempt(new Asm("FallOff").run("()V", 1, 0, NOP));
        attempt(new Asm("LongAsInt").run("()I", 2, 0, LCONST_0, IRETURN));
        attempt(new Asm("IntForLong").run("()J", 1, 0, ICONST_0, IRETURN));
        attempt(new Asm("VoidReturnsValue").run("()V", 1, 0, ICONST_0, IRETURN));
        Asm uninit = new Asm("Uninit");
        int object = uninit.cls("java/lang/Object");
        attempt(uninit.run(obj, 1, 0, NEW, hi(object), lo(object), ARETURN));
        attempt(new Asm("IntAsArray").run("()I", 2, 0, ICONST_1, ICONST_0, IALOAD, IRETURN));
        attempt(new Asm("TooDeep").run("()I", 1, 0, ICONST_0, ICONST_1, IADD, IRETURN));
        attempt(new Asm("SplitLong").run("()V", 4, 0, LCONST_0, DUP, POP, POP, POP, RETURN));
        attempt(new Asm("IntoAnInstruction").run("()I", 1, 0, GOTO, 0, 4, BIPUSH, IRETURN, IRETURN));
        Asm call = new Asm("WrongArgument");
        int toString = call.member(10, "java/lang/Integer", "toString", "(I)Ljava/lang/String;");
        attempt(call.run(obj, 1, 0, ACONST_NULL, INVOKESTATIC, hi(toString), lo(toString), ARETURN));
        Asm noSuper = new Asm("NoSuperCall"); // the constructor overwrites this instead of calling super()
        int self = noSuper.cls("NoSuperCall"), init = noSuper.member(10, "NoSuperCall", "<init>", "()V");
        noSuper.method(0x1, "<init>", "()V", 2, 1, new int[] {ALOAD_0, ACONST_NULL, ASTORE_0, RETURN});
        attempt(noSuper.run(obj, 2, 0, NEW, hi(self), lo(self), DUP, INVOKESPECIAL, hi(init), lo(init), ARETURN));
        Asm special = new Asm("SpecialOnUnrelated");
        int hash = special.member(10, "java/lang/String", "hashCode", "()I");
        attempt(special.run("()I", 1, 0, ACONST_NULL, INVOKESPECIAL, hi(hash), lo(hash), IRETURN));
        Asm indy = new Asm("InvokeDynamicInOldFile");
        attempt(indy.run("()V", 1, 0, 0xba, 0, 1, 0, 0, RETURN));
        attempt(new Asm("Unsorted").run("()I", 1, 0, ICONST_0, LOOKUPSWITCH, 0, 0,
            0, 0, 0, 28, 0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0, 28, 0, 0, 0, 1, 0, 0, 0, 28, ICONST_0, IRETURN));
        attempt(new Asm("Padding").run("()I", 1, 0, ICONST_0, LOOKUPSWITCH, 7, 0, 0, 0, 0, 12, 0, 0, 0, 0, ICONST_0, IRETURN));

        // Joins: a register that is an int on one path and a reference on the other is unusable; stacks must agree.
        attempt(new Asm("MergedRegister").run("()I", 1, 1,
            ICONST_0, IFEQ, 0, 8, ACONST_NULL, ASTORE_0, GOTO, 0, 5, ICONST_1, ISTORE_0, ILOAD_0, IRETURN));
        attempt(new Asm("StackHeights").run("()I", 2, 0, ICONST_0, ICONST_1, IFEQ, 0, 4, POP, IRETURN));
        attempt(new Asm("StackTypes").run("()I", 2, 0,
            ICONST_0, IFEQ, 0, 7, ICONST_1, GOTO, 0, 4, FCONST_0, POP, ICONST_0, IRETURN));
        attempt(new Asm("LoopWithoutFrames").run("()I", 2, 2,
            ICONST_0, ISTORE_0, ICONST_0, ISTORE_1,
            ILOAD_1, BIPUSH, 10, IF_ICMPGE, 0, 13,
            ILOAD_0, ILOAD_1, IADD, ISTORE_0, IINC, 1, 1, GOTO, 0xff, 0xf3,
            ILOAD_0, IRETURN));
        // Two classes merge to their common superclass: Integer and Long to Number, then Number.intValue.
        Asm common = new Asm("CommonSuperclass");
        int valueOfI = common.member(10, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;");
        int valueOfJ = common.member(10, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;");
        int intValue = common.member(10, "java/lang/Number", "intValue", "()I");
        int longValue = common.member(10, "java/lang/Long", "longValue", "()J");
        attempt(common.run("()I", 2, 1,
            ICONST_0, IFEQ, 0, 11, ICONST_3, INVOKESTATIC, hi(valueOfI), lo(valueOfI), ASTORE_0, GOTO, 0, 8,
            LCONST_0, INVOKESTATIC, hi(valueOfJ), lo(valueOfJ), ASTORE_0,
            ALOAD_0, INVOKEVIRTUAL, hi(intValue), lo(intValue), IRETURN));
        Asm tooWide = new Asm("MergedTooWide"); // the same join, then a Long method on the Number
        attempt(tooWide.run("()I", 2, 1,
            ICONST_0, IFEQ, 0, 11, ICONST_3, INVOKESTATIC, hi(tooWide.member(10, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;")),
            lo(tooWide.member(10, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;")), ASTORE_0, GOTO, 0, 8,
            LCONST_0, INVOKESTATIC, hi(tooWide.member(10, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;")),
            lo(tooWide.member(10, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;")), ASTORE_0,
            ALOAD_0, INVOKEVIRTUAL, hi(tooWide.member(10, "java/lang/Long", "longValue", "()J")),
            lo(tooWide.member(10, "java/lang/Long", "longValue", "()J")), 0x88, IRETURN));
        // Interfaces count as Object: a String passes for a Runnable until it is used as one.
        Asm loose = new Asm("InterfaceArgument");
        int take = loose.member(10, "InterfaceArgument", "take", "(Ljava/lang/Runnable;)I");
        loose.method(0x9, "take", "(Ljava/lang/Runnable;)I", 1, 1, new int[] {BIPUSH, 7, IRETURN});
        attempt(loose.run("()I", 1, 0, LDC, loose.string("s"), INVOKESTATIC, hi(take), lo(take), IRETURN));
        // Classes the merge has to load but cannot: the loader's NoClassDefFoundError, not a VerifyError.
        Asm missing = new Asm("MissingClass");
        int nope1 = missing.cls("nope/One"), nope2 = missing.cls("nope/Two");
        attempt(missing.run("()I", 1, 1,
            ICONST_0, IFEQ, 0, 11, ACONST_NULL, CHECKCAST, hi(nope1), lo(nope1), ASTORE_0, GOTO, 0, 8,
            ACONST_NULL, CHECKCAST, hi(nope2), lo(nope2), ASTORE_0, ICONST_0, IRETURN));

        // Subroutines: a finally block called with jsr, its return address kept in a register.
        int[] finallyCode = {ICONST_5, ISTORE_0, JSR, 0, 6, ILOAD_0, IRETURN, NOP, ASTORE_1, IINC, 0, 1, RET, 1};
        attempt(new Asm("Subroutine").run("()I", 1, 2, finallyCode));
        int[] twice = {ICONST_5, ISTORE_0, JSR, 0, 10, JSR, 0, 7, ILOAD_0, IRETURN, NOP, NOP, ASTORE_1, IINC, 0, 1, RET, 1};
        attempt(new Asm("SubroutineTwice").run("()I", 1, 2, twice));
        attempt(new Asm("LoadReturnAddress").run("()I", 1, 2, ICONST_5, ISTORE_0, JSR, 0, 6, ILOAD_0, IRETURN, NOP,
            ASTORE_1, ALOAD_1, POP, RET, 1));
        attempt(new Asm("RecursiveSubroutine").run("()I", 1, 2, ICONST_5, ISTORE_0, JSR, 0, 6, ILOAD_0, IRETURN, NOP,
            ASTORE_1, JSR, 0xff, 0xff, RET, 1));
        attempt(new Asm("SubroutineChangesType").run("()I", 1, 2, ICONST_5, ISTORE_0, JSR, 0, 6, ILOAD_0, IRETURN, NOP,
            ASTORE_1, FCONST_0, FSTORE_0, RET, 1));
        attempt(new Asm("RetOfInt").run("()I", 1, 2, ICONST_5, ISTORE_1, RET, 1));
        attempt(new Asm("RetFallsOff").run("()I", 1, 2, GOTO, 0, 6, ASTORE_1, RET, 1, JSR, 0xff, 0xfd));

        // Exception handlers: entered with the registers before the instruction and the exception alone.
        Asm handler = new Asm("Handler");
        int rte = handler.cls("java/lang/RuntimeException");
        int rteInit = handler.member(10, "java/lang/RuntimeException", "<init>", "()V");
        attempt(handler.method(0x9, "run", "()I", 2, 0, new int[] {NEW, hi(rte), lo(rte), DUP, INVOKESPECIAL, hi(rteInit), lo(rteInit),
            ATHROW, POP, ICONST_3, IRETURN}, new int[] {0, 8, 8, rte}));
        Asm handlerAtZero = new Asm("HandlerAtZero");
        attempt(handlerAtZero.method(0x9, "run", "()I", 1, 0, new int[] {ICONST_0, IRETURN}, new int[] {0, 1, 0, 0}));
        Asm notThrowable = new Asm("CatchString");
        attempt(notThrowable.method(0x9, "run", "()I", 1, 0, new int[] {ICONST_0, IRETURN, POP, ICONST_0, IRETURN},
            new int[] {0, 1, 2, notThrowable.cls("java/lang/String")}));
        Asm handlerStack = new Asm("HandlerSeesBefore"); // a store inside the range: the handler has the register unset
        attempt(handlerStack.method(0x9, "run", "()I", 1, 1, new int[] {ICONST_1, ISTORE_0, ILOAD_0, IRETURN, POP, ILOAD_0, IRETURN},
            new int[] {1, 2, 4, 0}));

        // Protected members of a superclass in another run-time package.
        Asm prot = new Asm("ProtectedField").extending("p/Base");
        int baseInit = prot.member(10, "p/Base", "<init>", "()V");
        prot.method(0x1, "<init>", "()V", 1, 1, new int[] {ALOAD_0, INVOKESPECIAL, hi(baseInit), lo(baseInit), RETURN});
        int base = prot.cls("p/Base"), f = prot.member(9, "p/Base", "f", "I");
        attempt(prot.run("()I", 2, 0, NEW, hi(base), lo(base), DUP, INVOKESPECIAL, hi(baseInit), lo(baseInit),
            GETFIELD, hi(f), lo(f), IRETURN));

        // Version 50: a failed type check falls back to inference; a class that passes it runs, one that fails
        // gets the type checker's message.
        attempt(new Asm("Version50Loop").version(50).run("()I", 2, 2,
            ICONST_0, ISTORE_0, ICONST_0, ISTORE_1,
            ILOAD_1, BIPUSH, 10, IF_ICMPGE, 0, 13,
            ILOAD_0, ILOAD_1, IADD, ISTORE_0, IINC, 1, 1, GOTO, 0xff, 0xf3,
            ILOAD_0, IRETURN));
        attempt(new Asm("Version50Bad").version(50).run(obj, 1, 0, ICONST_0, ARETURN));
        attempt(new Asm("Version50Subroutine").version(50).run("()I", 1, 2, finallyCode));
        // Subroutines nested 3,000 deep, each calling the next and none returning (legal): the masks of the
        // enclosing calls are shared between frames, not copied at every step.
        int depth = 3000;
        int[] nested = new int[3 + (depth - 1) * 4 + 2];
        int w = 0;
        nested[w++] = JSR; nested[w++] = 0; nested[w++] = 3;
        for (int i = 1; i < depth; i++) { nested[w++] = ASTORE_0; nested[w++] = JSR; nested[w++] = 0; nested[w++] = 3; }
        nested[w++] = ASTORE_0; nested[w++] = RETURN;
        link(new Asm("NestedSubroutines").run("()V", 1, 1, nested));
        // Mutants of valid methods (one or two code bytes changed, fixed seeds), linked but not run: each must
        // pass or fail exactly as under HotSpot.
        Asm seeds = new Asm("Seeds");
        int[][] codes = {
            {ICONST_0, ISTORE_0, ICONST_0, ISTORE_1, ILOAD_1, BIPUSH, 10, IF_ICMPGE, 0, 13,
                ILOAD_0, ILOAD_1, IADD, ISTORE_0, IINC, 1, 1, GOTO, 0xff, 0xf3, ILOAD_0, IRETURN},
            finallyCode,
            twice,
            {ICONST_0, IFEQ, 0, 11, ICONST_3, INVOKESTATIC, hi(valueOfI), lo(valueOfI), ASTORE_0, GOTO, 0, 8,
                LCONST_0, INVOKESTATIC, hi(valueOfJ), lo(valueOfJ), ASTORE_0, ALOAD_0, INVOKEVIRTUAL, hi(intValue), lo(intValue), IRETURN},
        };
        java.util.Random random = new java.util.Random(7);
        for (int k = 0; k < codes.length; k++) {
            for (int i = 0; i < 150; i++) {
                int[] code = codes[k].clone();
                for (int n = 1 + random.nextInt(2); n > 0; n--) code[random.nextInt(code.length)] = random.nextInt(256);
                Asm mutant = new Asm("Mutant" + k + "_" + i);
                // The same constant pool as the seeds, so mutated operands name the same entries.
                mutant.member(10, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;");
                mutant.member(10, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;");
                mutant.member(10, "java/lang/Number", "intValue", "()I");
                mutant.run("()I", 2, 2, code);
                link(mutant);
            }
        }
        System.out.println("the JVM carries on");
    }

    /** Defines and links (verifies) the class without running anything. */
    static void link(Asm a) {
        try {
            Loader loader = new Loader();
            loader.define(a);
            Class.forName(a.name, true, loader);
            System.out.println(a.name + ": verified");
        } catch (Throwable t) {
            System.out.println(a.name + ": " + t.getClass().getName() + ": " + t.getMessage().lines().findFirst().orElse(""));
        }
    }

}
