namespace Nido.Jvm.ClassFile;

/// <summary>Access and property flags of classes, fields and methods (JVMS tables 4.1-B, 4.5-A, 4.6-A).</summary>
[Flags]
public enum AccessFlags : ushort
{
    None = 0,
    Public = 0x0001,
    Private = 0x0002,
    Protected = 0x0004,
    Static = 0x0008,
    Final = 0x0010,
    Super = 0x0020,        // classes; Synchronized on methods
    Synchronized = 0x0020,
    Volatile = 0x0040,     // fields; Bridge on methods
    Bridge = 0x0040,
    Transient = 0x0080,    // fields; Varargs on methods
    Varargs = 0x0080,
    Native = 0x0100,
    Interface = 0x0200,
    Abstract = 0x0400,
    Strict = 0x0800,
    Synthetic = 0x1000,
    Annotation = 0x2000,
    Enum = 0x4000,
    Module = 0x8000,
}
