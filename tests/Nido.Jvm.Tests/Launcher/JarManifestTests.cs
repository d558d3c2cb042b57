using System.Text;
using Nido.Jvm.Launcher;

namespace Nido.Jvm.Tests.Launcher;

public class JarManifestTests
{
    private static JarManifest Parse(string text) => JarManifest.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void MainAttributesWithContinuedLines()
    {
        // A writer wraps at 72 bytes; the continuation's single leading space is dropped.
        var m = Parse("Manifest-Version: 1.0\r\nMain-Class: com.example.app.Ma\r\n in\r\nClass-Path: lib/a.jar lib/b\r\n .jar lib/c.jar\r\n\r\nName: x\r\nMain-Class: Other\r\n");
        Assert.Equal("com.example.app.Main", m.MainClass);
        Assert.Equal(["lib/a.jar", "lib/b.jar", "lib/c.jar"], m.ClassPath);
        Assert.Equal("1.0", m["manifest-version"]); // names ignore case
    }

    [Fact]
    public void LineEndsMayBeLfOrCr()
    {
        Assert.Equal("A", Parse("Main-Class: A\nX: 1\n").MainClass);
        Assert.Equal("A", Parse("Main-Class: A\rX: 1\r").MainClass);
    }

    [Fact]
    public void LastLineWithoutLineEndIsIgnoredAsInJava()
    {
        var m = Parse("Manifest-Version: 1.0\nMain-Class: A");
        Assert.Null(m.MainClass);
        Assert.Equal("1.0", m["Manifest-Version"]);
    }

    [Fact]
    public void ContinuationKeepsMultiByteCharactersSplitAcrossLines()
    {
        byte[] e = Encoding.UTF8.GetBytes("é");
        byte[] bytes = [.. "Main-Class: caf"u8, e[0], .. "\n "u8, e[1], .. "\n"u8];
        Assert.Equal("café", JarManifest.Parse(bytes).MainClass);
    }

    [Theory]
    [InlineData(" leading continuation\n")]
    [InlineData("NoColon\n")]
    [InlineData("Main-Class:A\n")]
    [InlineData("Main-Class:\n")]
    [InlineData("Bad Name: x\n")]
    public void MalformedMainSectionThrows(string text)
    {
        Assert.Throws<InvalidDataException>(() => Parse(text));
    }

    [Fact]
    public void EmptyValueNeedsTheSpace()
    {
        Assert.Equal("", Parse("Main-Class: \n").MainClass);
    }

    [Fact]
    public void MultiReleaseIsTrueIgnoringCase()
    {
        Assert.True(Parse("Multi-Release: TRUE\n").IsMultiRelease);
        Assert.False(Parse("Multi-Release: false\n").IsMultiRelease);
    }
}
