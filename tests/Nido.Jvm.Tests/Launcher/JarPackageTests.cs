using System.IO.Compression;
using Nido.Jvm.Tests.Programs;
using Nido.Tests.Shared;

namespace Nido.Jvm.Tests.Launcher;

/// <summary>
/// A class the application loader reads from a jar defines its package with the jar manifest's attributes, as java's
/// BuiltinClassLoader does: Package.getImplementationTitle/Version/Vendor and getSpecificationTitle, with -jar and -cp;
/// a class from a directory has none.
/// </summary>
public sealed class JarPackageTests : IDisposable
{
    private const string Source = """
        package app;
        public class Main {
            public static void main(String[] a) {
                Package p = Main.class.getPackage();
                System.out.println(p.getImplementationTitle() + " " + p.getImplementationVersion() + " " + p.getImplementationVendor()
                    + " " + p.getSpecificationTitle() + " " + p.getSpecificationVersion() + " " + p.isSealed());
                System.out.println(Main.class.getClassLoader().getDefinedPackage("app") == p);
            }
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("nido-jar-package-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Manifest_attributes_reach_the_package()
    {
        Jdk17.Require();
        var classes = Path.Combine(_dir, "classes");
        Directory.CreateDirectory(Path.Combine(_dir, "src", "app"));
        File.WriteAllText(Path.Combine(_dir, "src", "app", "Main.java"), Source);
        var env = ProgramRunner.EnvironmentFor("jar-package", new Dictionary<string, string>());
        var javac = ProgramRunner.Run([Jdk17.Javac, "-d", classes, Path.Combine(_dir, "src", "app", "Main.java")], _dir, env);
        Assert.True(javac.ExitCode == 0, javac.StderrText);
        var jar = Path.Combine(_dir, "app.jar");
        using (var zip = ZipFile.Open(jar, ZipArchiveMode.Create))
        {
            using (var manifest = new StreamWriter(zip.CreateEntry("META-INF/MANIFEST.MF").Open()))
                manifest.Write("Manifest-Version: 1.0\r\nMain-Class: app.Main\r\nImplementation-Title: MyApp\r\nImplementation-Version: 1.2\r\n"
                    + "Implementation-Vendor: ACME\r\nSpecification-Title: Spec\r\nSpecification-Version: 3.4\r\n\r\n");
            zip.CreateEntryFromFile(Path.Combine(classes, "app", "Main.class"), "app/Main.class");
        }
        foreach (string[] args in (string[][])[["-jar", jar], ["-cp", jar, "app.Main"], ["-cp", classes, "app.Main"]])
        {
            var java = ProgramRunner.Run([Jdk17.Java, .. args], _dir, env);
            var nido = ProgramRunner.Run([TestPaths.NativeNido(), "java", .. args], _dir, env);
            Assert.Equal(0, java.ExitCode);
            Assert.Equal((java.StdoutText, java.ExitCode), (nido.StdoutText, nido.ExitCode));
        }
        Assert.StartsWith("MyApp 1.2 ACME Spec 3.4 false", ProgramRunner.Run([TestPaths.NativeNido(), "java", "-jar", jar], _dir, env).StdoutText);
    }
}
