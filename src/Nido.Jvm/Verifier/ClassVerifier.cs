using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;
using Nido.Jvm.Verifier.Inference;

namespace Nido.Jvm.Verifier;

/// <summary>
/// Bytecode verification at link time (JVMS 4.10), as HotSpot does it by default: classes of the application and of
/// user-defined loaders are verified; the JDK's own (every class of the runtime image is defined by the bootstrap
/// loader here) and reflection's generated accessors are trusted. Class files of version 51 and later are type
/// checked against their StackMapTables; older ones are verified by type inference (HotSpot's old verifier). A
/// version 50 file is type checked first and, if that fails, inferred: it passes if inference passes, and otherwise
/// fails with the type checker's message, as in HotSpot.
/// </summary>
internal static class ClassVerifier
{
    public enum Policy { Trusted, Verify }

    public static Policy For(JavaVm vm, JClass c) =>
        c.File is null || c.Loader is null || JavaVm.IsMagicAccessor(c) ? Policy.Trusted : Policy.Verify;

    /// <summary>Throws the VerifyError (or ClassFormatError) HotSpot would for the first method that fails.</summary>
    public static void Verify(JavaVm vm, JClass c)
    {
        var major = c.File!.MajorVersion;
        if (major >= 50)
        {
            foreach (var m in c.File.Methods)
            {
                if (m.Code is null || TypeCheck(vm, c, m) is not { } failure) continue;
                if (major > 50) throw vm.Throw(failure.Error, failure.Message);
                // Version 50, as HotSpot fails over: the whole class is inferred, and a failure there carries the
                // type checker's first message.
                foreach (var n in c.File.Methods)
                    if (n.Code is not null) Infer(vm, c, n, failure.Message);
                return;
            }
            return;
        }
        foreach (var m in c.File.Methods)
            if (m.Code is not null) Infer(vm, c, m, message: null);
    }

    /// <summary>The type checker's error (class and message) for the method, or null when it passes.</summary>
    private static (string Error, string Message)? TypeCheck(JavaVm vm, JClass c, MethodInfo m)
    {
        try
        {
            new MethodVerifier(vm, c, m).Verify();
            return null;
        }
        catch (VerifyException e)
        {
            return ("java/lang/VerifyError", VerifyErrorText.Of(e, c.Name, m));
        }
        catch (VerifierFormatException e)
        {
            return ("java/lang/ClassFormatError", e.InMethod ? $"{e.Message} in method '{DescriptorText.Method(m.Name, m.Descriptor, c.JavaName)}'" : e.Message);
        }
        catch (ClassFormatException e)
        {
            return ("java/lang/VerifyError", $"{e.Message} in method {c.Name}.{m.Name}{m.Descriptor}");
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidCastException)
        {
            return ("java/lang/VerifyError", $"Bad bytecode in method {c.Name}.{m.Name}{m.Descriptor}");
        }
    }

    /// <summary>Inference; a failure throws with its own message, or with <paramref name="message"/> (a version 50 file's type-check failure).</summary>
    private static void Infer(JavaVm vm, JClass c, MethodInfo m, string? message)
    {
        try
        {
            new InferenceVerifier(vm, c, m).Verify();
        }
        catch (InferenceException e)
        {
            throw vm.Throw(e.FormatError ? "java/lang/ClassFormatError" : "java/lang/VerifyError", message ?? e.Message);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidCastException or ClassFormatException)
        {
            throw vm.Throw("java/lang/VerifyError", message ?? $"(class: {c.File!.Name}, method: {m.Name} signature: {m.Descriptor}) Illegal type in constant pool");
        }
    }
}
