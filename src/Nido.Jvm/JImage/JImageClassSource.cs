using Nido.Jvm.Runtime;

namespace Nido.Jvm.JImage;

/// <summary>The bootstrap loader's source: classes of every module in the JDK's lib/modules.</summary>
public sealed class JImageClassSource(JImageFile image) : IClassSource, IModuleLookup, IDisposable
{
    public JImageFile Image { get; } = image;

    public static JImageClassSource Open(string javaHome) => new(JImageFile.Open(System.IO.Path.Combine(javaHome, "lib", "modules")));

    public byte[]? FindClass(string internalName) => Image.FindClass(internalName);

    public string? ModuleOfPackage(string package) => Image.ModuleOfPackage(package);

    public void Dispose() => Image.Dispose();
}
