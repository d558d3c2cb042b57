namespace Nido.Jvm.Launcher;

/// <summary>One accepted -XX option: boolean flags have Value "true" or "false", others the text after '='.</summary>
public sealed record VmFlag(string Name, string Value);
