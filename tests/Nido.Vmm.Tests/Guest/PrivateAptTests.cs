using Nido.Vmm.Guest;

namespace Nido.Vmm.Tests.Guest;

/// <summary>Reading the host's apt sources (deb822 .sources and one-line .list) to find its Debian mirror.</summary>
public sealed class PrivateAptTests
{
    private const string Keyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

    private static (string Uri, string Suites, string? Keyring)[] Deb822(string text) =>
        [.. PrivateApt.Deb822(text).Select(c => (c.Item1, string.Join(" ", c.Item2), c.Item3))];

    private static (string Uri, string Suites, string? Keyring)[] OneLine(string text) =>
        [.. PrivateApt.OneLine(text).Select(c => (c.Item1, string.Join(" ", c.Item2), c.Item3))];

    [Fact]
    public void Deb822StanzasWithCommentsAsDebianWritesThem()
    {
        const string text = """
            Types: deb
            # http://snapshot.debian.org/archive/debian/20250520T000000Z
            URIs: http://deb.debian.org/debian
            Suites: bookworm bookworm-updates
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

            Types: deb
            URIs: http://deb.debian.org/debian-security
            Suites: bookworm-security
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
            """;
        Assert.Equal(
        [
            ("http://deb.debian.org/debian", "bookworm bookworm-updates", Keyring),
            ("http://deb.debian.org/debian-security", "bookworm-security", Keyring),
        ], Deb822(text));
    }

    [Fact]
    public void Deb822OneEntryPerUri()
    {
        const string text = "Types: deb deb-src\nURIs: http://a.example/debian http://b.example/debian/\nSuites: trixie\nComponents: main\n";
        Assert.Equal([("http://a.example/debian", "trixie", null), ("http://b.example/debian/", "trixie", null)], Deb822(text));
    }

    [Theory]
    [InlineData("Types: deb-src\nURIs: http://x/debian\nSuites: trixie\n")]             // sources only
    [InlineData("Types: deb\nEnabled: no\nURIs: http://x/debian\nSuites: trixie\n")]    // switched off
    [InlineData("Types: deb\nSuites: trixie\n")]                                          // no URIs
    [InlineData("Types: deb\nURIs: http://x/debian\n")]                                   // no suites
    [InlineData("URIs: http://x/debian\nSuites: trixie\n")]                               // no types
    [InlineData("# Types: deb\n# URIs: http://x/debian\n# Suites: trixie\n")]             // commented out
    [InlineData("")]
    public void Deb822SkipsStanzasThatAreNotUsableBinarySources(string text) => Assert.Empty(Deb822(text));

    [Fact]
    public void Deb822FieldNamesIgnoreCaseAndLinesMayEndInCrLf()
    {
        const string text = "types: deb\r\nuris: http://x/debian\r\nsuites: trixie\r\nsigned-by: /k.gpg\r\n\r\nTYPES: deb\r\nURIS: http://y/debian\r\nSUITES: sid\r\n";
        Assert.Equal([("http://x/debian", "trixie", "/k.gpg"), ("http://y/debian", "sid", null)], Deb822(text));
    }

    [Fact]
    public void Deb822InlineKeysAndFingerprintsAreNotKeyringPaths()
    {
        // Signed-By may hold the key itself (continuation lines, some with colons of their own) or fingerprints.
        const string text = """
            Types: deb
            URIs: http://x/debian
            Suites: trixie
            Signed-By:
             -----BEGIN PGP PUBLIC KEY BLOCK-----
             Comment: Suites: this-is-not-a-field
             .
             mQINBGPL0BUBEADmW5NdOOHwPIJlgPu6JDcKw/NZJPR8lsD9K7UgrF6nP0ZIpmvl
             -----END PGP PUBLIC KEY BLOCK-----

            Types: deb
            URIs: http://y/debian
            Suites: sid
            Signed-By: 4D64FEC119C2029067D6E791F8D2585B8783D481
            """;
        Assert.Equal([("http://x/debian", "trixie", null), ("http://y/debian", "sid", null)], Deb822(text));
    }

    [Fact]
    public void OneLineEntriesWithAndWithoutOptions()
    {
        const string text = """
            # the main archive
            deb http://deb.debian.org/debian bookworm main contrib
            deb [arch=amd64,arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://ftp.de.debian.org/debian/ trixie main
              deb [ trusted=yes ] http://local/debian sid main
            deb-src http://deb.debian.org/debian bookworm main
            #deb http://old/debian buster main
            deb http://incomplete/debian
            deb [arch=amd64 http://unclosed/debian sid main
            """;
        Assert.Equal(
        [
            ("http://deb.debian.org/debian", "bookworm", null),
            ("http://ftp.de.debian.org/debian/", "trixie", Keyring),
            ("http://local/debian", "sid", null),
        ], OneLine(text));
    }

    [Fact]
    public void OneLineToleratesCrLf() =>
        Assert.Equal([("http://x/debian", "trixie", null)], OneLine("deb http://x/debian trixie main\r\n"));

    [Fact]
    public void HostMirrorIsTheHostsMainArchive()
    {
        var files = (File.Exists("/etc/apt/sources.list") ? 1 : 0)
            + (Directory.Exists("/etc/apt/sources.list.d") ? Directory.GetFiles("/etc/apt/sources.list.d").Count(f => f.EndsWith(".list") || f.EndsWith(".sources")) : 0);
        if (files == 0) Assert.Skip("this host has no apt sources");
        (string Uri, string Keyring) mirror;
        try
        {
            mirror = PrivateApt.HostMirror();
        }
        catch (VmmException e)
        {
            Assert.Skip($"this host's apt sources name no main archive: {e.Message}");
            return;
        }
        Assert.DoesNotContain("security", mirror.Uri);
        Assert.False(mirror.Uri.EndsWith('/'), mirror.Uri);
        Assert.True(Uri.TryCreate(mirror.Uri, UriKind.Absolute, out _), mirror.Uri);
        Assert.True(File.Exists(mirror.Keyring) || mirror.Keyring == Keyring, mirror.Keyring);
    }
}
