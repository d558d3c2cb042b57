namespace Nido.Jvm.Runtime;

/// <summary>What the launcher asked the VM for (validated by the launcher; the VM only reads it).</summary>
public sealed record JavaVmOptions
{
    /// <summary>The JDK 17 whose lib/modules is the class library.</summary>
    public required string JavaHome { get; init; }
    public IReadOnlyList<string> ClassPath { get; init; } = ["."];
    /// <summary>-D properties in command-line order (later ones win).</summary>
    public KeyValuePair<string, string>[] SystemProperties { get; init; } = [];
    public long? MaxHeap { get; init; }
    public long? ThreadStack { get; init; }
    public bool VerboseClass { get; init; }
    public bool InterpretOnly { get; init; }
    /// <summary>-ea/-da switches in command-line order: a class, a package ("p..."), "..." (the unnamed package), or null (all).</summary>
    public (bool Enable, string? Target)[] Assertions { get; init; } = [];
    /// <summary>-esa: assertions in the bootstrap classes.</summary>
    public bool SystemAssertions { get; init; }
    /// <summary>-Xrs: no thread dump on SIGQUIT (Java may handle QUIT), and INT, TERM and HUP left to the OS.</summary>
    public bool ReduceSignalUsage { get; init; }
    /// <summary>The java.class.path property value as the user gave it.</summary>
    public string? ClassPathProperty { get; init; }
    /// <summary>sun.java.command (main class or jar and arguments), for tools that read it.</summary>
    public string? JavaCommand { get; init; }
}
