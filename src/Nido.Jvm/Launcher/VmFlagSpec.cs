namespace Nido.Jvm.Launcher;

/// <summary>A -XX flag Nido accepts: its type and, where HotSpot checks one, its allowed range.</summary>
internal sealed record VmFlagSpec(string Name, VmFlagType Type, double? Min = null, double? Max = null);
