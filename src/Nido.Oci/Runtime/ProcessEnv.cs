namespace Nido.Oci.Runtime;

/// <summary>process.env as a list of NAME=value: setting a name replaces its earlier entry (later wins, as with -e flags).</summary>
public static class ProcessEnv
{
    public static string Name(string entry) => entry.Split('=', 2)[0];

    public static void Set(List<string> env, string entry)
    {
        var name = Name(entry);
        env.RemoveAll(e => Name(e) == name);
        env.Add(entry);
    }
}
