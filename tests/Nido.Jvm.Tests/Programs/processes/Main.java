// ProcessBuilder and Runtime.exec: pipes both ways, exit codes, stderr merged or apart, environment and working
// directory, redirects to a file and inherited streams, destroy (SIGTERM 143) and destroyForcibly (137), timed
// waits, onExit, start failures with java's messages, ProcessHandle.
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
public class Main {
    public static void main(String[] args) throws Exception {
        Process p = new ProcessBuilder("echo", "hello", "world").start();
        System.out.println(new String(p.getInputStream().readAllBytes()).trim() + " exit " + p.waitFor());
        Process q = new ProcessBuilder("/bin/sh", "-c", "echo out; echo err 1>&2; exit 3").start();
        System.out.println(new String(q.getInputStream().readAllBytes()).trim() + " / " + new String(q.getErrorStream().readAllBytes()).trim() + " exit " + q.waitFor());
        Process r = new ProcessBuilder("sh", "-c", "echo both; echo err 1>&2").redirectErrorStream(true).start();
        System.out.println(new String(r.getInputStream().readAllBytes()).replace("\n", "|") + " exit " + r.waitFor());
        Process cat = new ProcessBuilder("cat").start();
        try (Writer w = new OutputStreamWriter(cat.getOutputStream())) { w.write("piped in\n"); }
        System.out.println(new String(cat.getInputStream().readAllBytes()).trim() + " exit " + cat.waitFor());
        ProcessBuilder env = new ProcessBuilder("sh", "-c", "echo $FOO; pwd");
        env.environment().put("FOO", "bar"); env.directory(new File("/tmp"));
        Process e = env.start();
        System.out.println(new String(e.getInputStream().readAllBytes()).replace("\n", "|"));
        Path out = Files.createTempFile("proc", ".txt");
        Process f = new ProcessBuilder("echo", "to file").redirectOutput(out.toFile()).start();
        f.waitFor();
        System.out.println(Files.readString(out).trim());
        Files.delete(out);
        Process s = new ProcessBuilder("sleep", "10").start();
        System.out.println("alive " + s.isAlive());
        s.destroy();
        System.out.println("destroyed exit " + s.waitFor() + " alive " + s.isAlive());
        Process s2 = new ProcessBuilder("sleep", "10").start();
        System.out.println("timed " + s2.waitFor(100, TimeUnit.MILLISECONDS));
        s2.destroyForcibly().waitFor();
        System.out.println("killed " + s2.exitValue());
        try { new ProcessBuilder("no-such-program-xyz").start(); } catch (IOException ex) { System.out.println(ex.getMessage()); }
        try { new ProcessBuilder("echo").directory(new File("/no/such/dir")).start(); } catch (IOException ex) { System.out.println(ex.getMessage()); }
        Process x = Runtime.getRuntime().exec(new String[]{"sh", "-c", "exit 7"});
        System.out.println("exec exit " + x.waitFor() + " onExit " + x.onExit().get().exitValue());
        System.out.println("pid ok " + (ProcessHandle.current().pid() > 0) + " child parent ok " + (x.toHandle().pid() > 0));
        System.out.println(ProcessHandle.current().info().command().isPresent());
        Process inh = new ProcessBuilder("echo", "inherited").inheritIO().start();
        inh.waitFor();
    }
}
