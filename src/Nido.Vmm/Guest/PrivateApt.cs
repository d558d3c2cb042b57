namespace Nido.Vmm.Guest;

/// <summary>
/// apt for another architecture and release without touching the host's apt: its own sources list, state and
/// cache under a work directory, pointing at the Debian mirror the host itself uses (read from the host's
/// sources, never hard-coded) and verified with the host's Debian keyring.
/// </summary>
internal sealed class PrivateApt
{
    private const string DefaultKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";
    private readonly string _dir;
    private readonly string[] _options;

    public PrivateApt(string workDirectory, string architecture, string suite)
    {
        _dir = workDirectory;
        var (uri, keyring) = HostMirror();
        var state = Path.Combine(_dir, "state");
        var cache = Path.Combine(_dir, "cache");
        Directory.CreateDirectory(Path.Combine(state, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(cache, "archives", "partial"));
        File.WriteAllText(Path.Combine(state, "status"), "");
        var parts = Directory.CreateDirectory(Path.Combine(_dir, "parts")).FullName;
        var sources = Path.Combine(_dir, "sources.list");
        File.WriteAllText(sources, $"deb [arch={architecture} signed-by={keyring}] {uri} {suite} main\n");
        _options =
        [
            "-o", $"APT::Architecture={architecture}",
            "-o", $"Dir::State={state}", "-o", $"Dir::State::status={Path.Combine(state, "status")}",
            "-o", $"Dir::Cache={cache}", "-o", $"Dir::Etc::SourceList={sources}", "-o", $"Dir::Etc::SourceParts={parts}",
            "-o", $"Dir::Etc::Preferences={Path.Combine(_dir, "preferences")}", "-o", $"Dir::Etc::PreferencesParts={parts}", "-o", "Acquire::Languages=none",
            "-o", "APT::Sandbox::User=root", "-q",
        ];
    }

    public void Update() => DefaultGuest.Run("apt-get", _dir, [.. _options, "update"]);

    /// <summary>The versioned package a metapackage depends on first (linux-image-riscv64 → linux-image-6.12…).</summary>
    public string DependencyOf(string metapackage, string prefix) =>
        Dependencies(metapackage).FirstOrDefault(name => name.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new VmmException($"default guest: the archive has no {prefix}* for {metapackage}");

    /// <summary>A package's plain Depends (not alternatives after the first, not virtual packages), in order.</summary>
    public IEnumerable<string> Dependencies(string package)
    {
        var output = DefaultGuest.Run("apt-cache", _dir, [.. _options, "depends", "--important", package]);
        foreach (var line in output.Split('\n'))
            if (line.Trim() is var text && text.StartsWith("Depends:", StringComparison.Ordinal)
                && text["Depends:".Length..].Trim() is { Length: > 0 } name && !name.StartsWith('<'))
                yield return name;
    }

    /// <summary>Downloads the packages' .deb files into <paramref name="directory"/>; returns their paths.</summary>
    public string[] Download(string directory, params string[] packages)
    {
        DefaultGuest.Run("apt-get", directory, [.. _options, "download", .. packages]);
        return Directory.GetFiles(directory, "*.deb");
    }

    /// <summary>The host's Debian mirror (not its security or updates suites) and the keyring it is verified with.</summary>
    internal static (string Uri, string Keyring) HostMirror()
    {
        var candidates = new List<(string Uri, string[] Suites, string? Keyring)>();
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            if (file.EndsWith(".sources", StringComparison.Ordinal)) candidates.AddRange(Deb822(text));
            else candidates.AddRange(OneLine(text));
        }
        foreach (var (uri, suites, keyring) in candidates)
        {
            if (uri.Contains("security", StringComparison.Ordinal)) continue;
            if (!suites.Any(s => !s.Contains('-') && !s.Contains('/'))) continue;
            return (uri.TrimEnd('/'), keyring is { } k && File.Exists(k) ? k : DefaultKeyring);
        }
        throw new VmmException("default guest: no Debian mirror found in the host's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/*.sources)");
    }

    private static IEnumerable<string> SourceFiles()
    {
        if (File.Exists("/etc/apt/sources.list")) yield return "/etc/apt/sources.list";
        if (Directory.Exists("/etc/apt/sources.list.d"))
            foreach (var f in Directory.GetFiles("/etc/apt/sources.list.d").Order())
                if (f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal)) yield return f;
    }

    internal static IEnumerable<(string, string[], string?)> Deb822(string text)
    {
        foreach (var stanza in text.Replace("\r", "").Split("\n\n"))
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in stanza.Split('\n'))
                if (!line.StartsWith('#') && line.IndexOf(':') is > 0 and var colon && !char.IsWhiteSpace(line[0]))
                    fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            if (!fields.TryGetValue("Types", out var types) || !types.Split(' ').Contains("deb")) continue;
            if (fields.TryGetValue("Enabled", out var enabled) && enabled.ToLowerInvariant() is "no" or "false" or "off" or "0") continue;
            if (!fields.TryGetValue("URIs", out var uris) || !fields.TryGetValue("Suites", out var suites)) continue;
            fields.TryGetValue("Signed-By", out var keyring);
            foreach (var uri in uris.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                yield return (uri, suites.Split(' ', StringSplitOptions.RemoveEmptyEntries), keyring?.StartsWith('/') == true ? keyring : null);
        }
    }

    internal static IEnumerable<(string, string[], string?)> OneLine(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("deb ", StringComparison.Ordinal)) continue;
            string? keyring = null;
            var rest = line[4..].Trim();
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']');
                if (close < 0) continue;
                foreach (var option in rest[1..close].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (option.StartsWith("signed-by=", StringComparison.Ordinal)) keyring = option["signed-by=".Length..];
                rest = rest[(close + 1)..].Trim();
            }
            var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2) yield return (parts[0], [parts[1]], keyring);
        }
    }
}
