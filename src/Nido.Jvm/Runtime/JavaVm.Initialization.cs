using Nido.Jvm.ClassFile;

namespace Nido.Jvm.Runtime;

public sealed partial class JavaVm
{
    /// <summary>
    /// Class initialisation (JVMS 5.5): one thread runs the superclass's and then this class's &lt;clinit&gt;;
    /// others wait; a recursive request from the initialising thread returns at once; a failure marks the class
    /// erroneous and later attempts get NoClassDefFoundError.
    /// </summary>
    public void EnsureInitialized(JThread t, JClass c)
    {
        if (c.State == ClassState.Initialized) return;
        if (!c.Verified) VerifyForLinking(c);
        lock (c.InitLock)
        {
            while (c.State == ClassState.BeingInitialized && c.InitThread != t) Monitor.Wait(c.InitLock);
            switch (c.State)
            {
                case ClassState.Initialized: return;
                case ClassState.BeingInitialized: return; // recursive request by the initialising thread
                case ClassState.Erroneous: throw Throw("java/lang/NoClassDefFoundError", $"Could not initialize class {c.JavaName}", cause: c.InitError);
            }
            c.State = ClassState.BeingInitialized;
            c.InitThread = t;
        }
        try
        {
            if (!c.IsInterface && c.Super is { } super) EnsureInitialized(t, super);
            // Superinterfaces, direct or not, that declare a non-abstract instance method are initialised too, each
            // interface's own superinterfaces before it (JVMS 5.5 step 7).
            if (!c.IsInterface)
                foreach (var i in c.Interfaces) InitializeWithSuperinterfaces(t, i);
            SetConstantValues(c);
            if (c.DeclaredMethod("<clinit>", "()V") is { } clinit) t.Invoke(clinit);
        }
        catch (JavaThrow e)
        {
            var error = e.Throwable.Class.IsSubtypeOf(BootClass("java/lang/Error"))
                ? e
                : Throw("java/lang/ExceptionInInitializerError", null, cause: e.Throwable);
            var record = InitializationError(t, e);
            lock (c.InitLock)
            {
                c.State = ClassState.Erroneous;
                c.InitError = record;
                c.InitThread = null;
                Monitor.PulseAll(c.InitLock);
            }
            throw error;
        }
        catch
        {
            lock (c.InitLock)
            {
                c.State = ClassState.Erroneous;
                c.InitThread = null;
                Monitor.PulseAll(c.InitLock);
            }
            throw;
        }
        lock (c.InitLock)
        {
            c.State = ClassState.Initialized;
            c.InitThread = null;
            Monitor.PulseAll(c.InitLock);
        }
    }

    /// <summary>
    /// Links the class without initializing it, as HotSpot does before handing out its fields, methods or
    /// constructors through reflection (so <c>getMethod</c> of a class that fails verification throws its VerifyError).
    /// </summary>
    public void Link(JClass c)
    {
        if (!c.Verified) VerifyForLinking(c);
    }

    /// <summary>
    /// Linking's verification step (JVMS 5.4.1), before initialization: the superclass and superinterfaces first,
    /// then the class itself.
    /// </summary>
    private void VerifyForLinking(JClass c)
    {
        if (c.Super is { } super) Link(super);
        foreach (var i in c.Interfaces) Link(i);
        if (Verifier.ClassVerifier.For(this, c) == Verifier.ClassVerifier.Policy.Verify) Verifier.ClassVerifier.Verify(this, c);
        c.Verified = true;
    }

    /// <summary>
    /// What later NoClassDefFoundErrors for the class give as their cause (HotSpot 17): an ExceptionInInitializerError
    /// "Exception X: message [in thread "name"]" carrying the original exception's stack trace.
    /// </summary>
    private JObject? InitializationError(JThread t, JavaThrow original)
    {
        try
        {
            var thread = t.JavaThread is { } o ? StringOf(GetField(o, "name").R) : "main";
            var record = Throw("java/lang/ExceptionInInitializerError", $"Exception {original.Message} [in thread \"{thread}\"]").Throwable;
            var throwable = BootClass("java/lang/Throwable");
            foreach (var field in (string[])["backtrace", "depth"])
                SetField(record, throwable, field, GetField(original.Throwable, field));
            return record;
        }
        catch (JavaThrow)
        {
            return null;
        }
    }

    /// <summary>Static fields with a ConstantValue attribute get it before &lt;clinit&gt; runs.</summary>
    private void SetConstantValues(JClass c)
    {
        var pool = c.File?.Pool;
        if (pool is null) return;
        foreach (var f in c.DeclaredFields)
        {
            if (!f.IsStatic || f.Info.ConstantValue == 0) continue;
            var index = f.Info.ConstantValue;
            ref var slot = ref c.Statics[f.Slot];
            switch (pool.Tag(index))
            {
                case ConstantTag.Integer: slot.P = pool.Integer(index); break;
                case ConstantTag.Long: slot.P = pool.Long(index); break;
                case ConstantTag.Float: slot.F = pool.Float(index); break;
                case ConstantTag.Double: slot.D = pool.Double(index); break;
                case ConstantTag.String: slot.R = Intern(pool.String(index)); break;
            }
        }
    }

    private void InitializeWithSuperinterfaces(JThread t, JClass itf)
    {
        foreach (var super in itf.Interfaces) InitializeWithSuperinterfaces(t, super);
        if (itf.State != ClassState.Initialized && itf.DeclaredMethods.Any(m => !m.IsStatic && !m.IsAbstract)) EnsureInitialized(t, itf);
    }
}
