namespace Nido.Jvm.Launcher;

/// <summary>HotSpot's flag types; the name is what its range errors print.</summary>
internal enum VmFlagType
{
    Bool,
    Int,
    Intx,
    Uint,
    Uintx,
    SizeT,
    Double,
    Ccstr,
}
