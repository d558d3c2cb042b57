using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Nido.Cpu.RiscV.Translation;

namespace Nido.Cpu.RiscV.Jit;

/// <summary>
/// Where quick (first-tier) regions are emitted: static methods marked NoOptimization, so .NET's JIT compiles them
/// with its minimal-optimization settings in under half the time of an optimized DynamicMethod (which cannot be
/// marked so). They live in collectible assemblies of <see cref="TypesPerAssembly"/> types each: an assembly is
/// freed once every region in it has been replaced (tiered up or invalidated).
/// </summary>
internal static class QuickMethods
{
    private const int TypesPerAssembly = 64;
    private static readonly Lock Gate = new();
    private static ModuleBuilder? _module;
    private static readonly Dictionary<MemberInfo, int> Tokens = [];
    private static int _types, _serial;

    /// <summary>Emits a region through <paramref name="emit"/> into a new quick method and returns it.</summary>
    public static TranslatedCode Define(string name, int ilSize, Action<ILGenerator, Func<MemberInfo, int>> emit)
    {
        lock (Gate)
        {
            if (_module is null || _types == TypesPerAssembly)
            {
                _module = NewAssembly();
                Tokens.Clear();
                _types = 0;
            }
            _types++;
            var type = _module.DefineType($"{name}#{_serial++}", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
            var method = type.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(void), RegionCompiler.Parameters);
            method.SetImplementationFlags(MethodImplAttributes.NoOptimization);
            method.InitLocals = false; // every local is written before it is read (RegionCompiler)
            emit(method.GetILGenerator(ilSize), Token);
            return type.CreateType().GetMethod("Run")!.CreateDelegate<TranslatedCode>(RegionCompiler.Closure);
        }
    }

    /// <summary>The current module's token for a field or method (under the lock).</summary>
    private static int Token(MemberInfo member)
    {
        if (!Tokens.TryGetValue(member, out var token))
            Tokens[member] = token = member is FieldInfo field ? _module!.GetFieldMetadataToken(field) : _module!.GetMethodMetadataToken((MethodInfo)member);
        return token;
    }

    private static ModuleBuilder NewAssembly()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("riscv-quick"), AssemblyBuilderAccess.RunAndCollect);
        // Regions use the hart's internals (register file, TLB, fault flag) and the translator's helpers, as the
        // optimized DynamicMethods do with skipVisibility.
        var ignoreChecks = typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!;
        foreach (var target in (Assembly[])[typeof(Hart).Assembly, typeof(QuickMethods).Assembly])
            assembly.SetCustomAttribute(new CustomAttributeBuilder(ignoreChecks, [target.GetName().Name!]));
        return assembly.DefineDynamicModule("riscv-quick");
    }
}
