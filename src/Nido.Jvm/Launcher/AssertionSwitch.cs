namespace Nido.Jvm.Launcher;

/// <summary>
/// One -ea/-da option. Target null means all user classes; otherwise it is what followed the
/// colon: a class name, "pkg..." for a package and its subpackages, or "..." for the unnamed package.
/// </summary>
public sealed record AssertionSwitch(bool Enable, string? Target);
