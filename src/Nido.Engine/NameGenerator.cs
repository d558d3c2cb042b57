namespace Nido.Engine;

/// <summary>Docker-style names (adjective_noun) for containers run without --name.</summary>
internal static class NameGenerator
{
    private static readonly string[] Adjectives =
    [
        "brave", "calm", "clever", "eager", "fervent", "gentle", "happy", "jolly", "keen", "lucid", "merry", "nimble",
        "quiet", "quirky", "serene", "sharp", "steady", "swift", "tender", "vivid", "wise", "zealous", "bold", "bright",
    ];

    private static readonly string[] Nouns =
    [
        "sparrow", "heron", "finch", "wren", "robin", "swallow", "lark", "kestrel", "owl", "magpie", "stork", "crane",
        "plover", "thrush", "swift", "tern", "osprey", "puffin", "egret", "ibis", "oriole", "warbler", "kite", "dove",
    ];

    public static string Next(Func<string, bool> taken)
    {
        for (var i = 0; ; i++)
        {
            var name = $"{Adjectives[Random.Shared.Next(Adjectives.Length)]}_{Nouns[Random.Shared.Next(Nouns.Length)]}";
            if (i > 20) name += Random.Shared.Next(1000);
            if (!taken(name)) return name;
        }
    }
}
