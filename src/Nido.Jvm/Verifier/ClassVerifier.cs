using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Verifier;

/// <summary>
/// Bytecode verification at link time (JVMS 4.10), as HotSpot does it by default: classes of the application and of
/// user-defined loaders are verified; the JDK's own (every class of the runtime image is defined by the bootstrap
/// loader here) and reflection's generated accessors are trusted. Class files of version 51 and later are type checked against their StackMapTables.
/// Older ones (which HotSpot checks by type inference) are not verified here; their methods are never compiled,
/// because compiled code relies on verified types (array and field accesses without casts), while the interpreter
/// checks every operand itself.
/// </summary>
internal static class ClassVerifier
{
    public enum Policy { Trusted, Verify, InterpretOnly }

    public static Policy For(JavaVm vm, JClass c) =>
        c.File is null || c.Loader is null || JavaVm.IsMagicAccessor(c) ? Policy.Trusted
        : c.File.MajorVersion >= 51 ? Policy.Verify
        : Policy.InterpretOnly;

    /// <summary>Throws the VerifyError HotSpot would for the first method that fails.</summary>
    public static void Verify(JavaVm vm, JClass c)
    {
        foreach (var m in c.File!.Methods)
        {
            if (m.Code is null) continue;
            try
            {
                new MethodVerifier(vm, c, m).Verify();
            }
            catch (VerifyException e)
            {
                var at = e.Pc < m.Code.Code.Length ? OpcodeNames.Of(m.Code.Code, e.Pc) : "<invalid>";
                throw vm.Throw("java/lang/VerifyError",
                    $"{e.Message}\nException Details:\n  Location:\n    {c.Name}.{m.Name}{m.Descriptor} @{e.Pc}: {at}\n  Reason:\n    {e.Reason}");
            }
            catch (ClassFormatException e)
            {
                throw vm.Throw("java/lang/VerifyError", $"{e.Message} in method {c.Name}.{m.Name}{m.Descriptor}");
            }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidCastException)
            {
                throw vm.Throw("java/lang/VerifyError", $"Bad bytecode in method {c.Name}.{m.Name}{m.Descriptor}");
            }
        }
    }
}
