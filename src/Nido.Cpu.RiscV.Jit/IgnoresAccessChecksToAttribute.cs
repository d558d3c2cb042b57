namespace System.Runtime.CompilerServices;

/// <summary>
/// Not in the reference assemblies, but honoured by CoreCLR on a dynamic assembly: lets the quick regions emitted
/// there use the named assembly's internal members (<see cref="Nido.Cpu.RiscV.Jit.QuickMethods"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    public string AssemblyName { get; } = assemblyName;
}
