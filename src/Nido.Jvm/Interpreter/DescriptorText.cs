using Nido.Jvm.ClassFile;

namespace Nido.Jvm;

/// <summary>Descriptors as HotSpot prints them in error messages ('int Main.f(java.lang.String)').</summary>
internal static class DescriptorText
{
    public static string Type(string d) => d[0] switch
    {
        'B' => "byte", 'C' => "char", 'D' => "double", 'F' => "float", 'I' => "int", 'J' => "long", 'S' => "short",
        'Z' => "boolean", 'V' => "void", '[' => Type(d[1..]) + "[]", 'L' => d[1..^1].Replace('/', '.'), _ => d,
    };

    public static string Method(string name, string descriptor, string owner) =>
        $"{Type(Descriptors.Return(descriptor))} {owner}.{name}({string.Join(", ", Descriptors.Parameters(descriptor).Select(Type))})";
}
