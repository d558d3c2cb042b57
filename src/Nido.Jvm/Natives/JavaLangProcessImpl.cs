using System.Collections.Concurrent;
using System.Text;
using Nido.Jvm.Runtime;
using Nido.Linux;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.lang.ProcessImpl: starts a program for ProcessBuilder/Runtime.exec with Nido.Linux's spawner (clone3 and a
/// trampoline, no managed code in the child): arguments and environment from Java's blocks, the working directory,
/// and standard streams that are new pipes (fds[i] = -1, the parent's end handed back), inherited, or redirected.
/// A program name without '/' is looked up on this process's PATH, as HotSpot does. Failures read as HotSpot's
/// "error=2, No such file or directory", which ProcessBuilder wraps into "Cannot run program …".
/// </summary>
internal static class JavaLangProcessImpl
{
    /// <summary>Children by pid, for waitForProcessExit0 and destroy0 (by pidfd: no pid-reuse races).</summary>
    internal static readonly ConcurrentDictionary<long, ChildProcess> Children = new();

    public static void Register(NativeRegistry r)
    {
        r.Add("java/lang/ProcessImpl", "init", "()V", static (t, a) => default);
        r.Add("java/lang/ProcessImpl", "forkAndExec", "(I[B[B[BI[BI[B[IZ)I", static (t, a) =>
        {
            var vm = t.Vm;
            var prog = CString(a[3].R) ?? throw vm.Throw("java/lang/NullPointerException", null);
            var args = Block(a[4].R, a[5].I);
            // Java's environment: the JIT host's own runtime settings were taken out of this process's at start.
            var env = a[6].R is null ? Nido.Linux.Exec.InheritedEnvironment() : Block(a[6].R, a[7].I);
            var dir = CString(a[8].R);
            var fds = (JArray<int>)a[9].R!;
            var redirectErrorStream = a[10].I != 0;

            var path = Exec.Which(prog, Environment.GetEnvironmentVariable("PATH"));
            if (path is null) throw Failure(t, (int)Errno.ENOENT);
            var mappings = new List<FdMapping>();
            var parentEnds = new List<SafeFdHandle>();
            var childEnds = new List<SafeFdHandle>();
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    if (i == 2 && redirectErrorStream)
                    {
                        mappings.Add(new FdMapping(mappings.First(m => m.Target == 1).Source, 2));
                        fds.Data[2] = -1; // no stream: Java gives the child's stderr no pipe of its own
                        continue;
                    }
                    if (fds.Data[i] == -1)
                    {
                        var (read, write) = FileIo.Pipe();
                        var (parent, child) = i == 0 ? (write, read) : (read, write);
                        parentEnds.Add(parent);
                        childEnds.Add(child);
                        mappings.Add(new FdMapping(child, i));
                    }
                    else
                    {
                        mappings.Add(new FdMapping(FileDescriptors.Get(fds.Data[i]), i));
                    }
                }
                var child0 = ProcessSpawner.Spawn(new SpawnOptions
                {
                    Path = path,
                    Arguments = [prog, .. args],
                    Environment = env,
                    WorkingDirectory = dir,
                    Fds = mappings,
                });
                Children[child0.Pid] = child0;
                var k = 0;
                for (var i = 0; i < 3; i++)
                    if (fds.Data[i] == -1 && !(i == 2 && redirectErrorStream)) fds.Data[i] = FileDescriptors.Add(parentEnds[k++]);
                parentEnds.Clear();
                return Slot.OfInt(child0.Pid);
            }
            catch (ErrnoException e)
            {
                throw Failure(t, e.ErrnoValue);
            }
            finally
            {
                foreach (var h in childEnds) h.Dispose();
                foreach (var h in parentEnds) h.Dispose();
            }
        });
    }

    private static JavaThrow Failure(JThread t, int errno) =>
        t.Vm.Throw("java/io/IOException", $"error={errno}, {InetSupport.Text(errno)}");

    private static string? CString(JObject? bytes)
    {
        if (bytes is not JArray<sbyte> b) return null;
        var span = System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.Data.AsSpan());
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    /// <summary>Java's blocks: <paramref name="count"/> NUL-terminated strings one after another.</summary>
    private static List<string> Block(JObject? bytes, int count)
    {
        var list = new List<string>(count);
        if (bytes is not JArray<sbyte> b) return list;
        var span = System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.Data.AsSpan());
        while (list.Count < count && span.Length > 0)
        {
            var end = span.IndexOf((byte)0);
            if (end < 0) end = span.Length;
            list.Add(Encoding.UTF8.GetString(span[..end]));
            span = end < span.Length ? span[(end + 1)..] : [];
        }
        return list;
    }
}
