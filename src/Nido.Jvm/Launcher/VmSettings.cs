namespace Nido.Jvm.Launcher;

/// <summary>What HotSpot's option pass takes from the VM options, later copied into <see cref="JavaOptions"/>.</summary>
internal sealed class VmSettings
{
    /// <summary>The last -Djava.class.path value; null when no option set it.</summary>
    public string? ClassPath { get; set; }

    public List<KeyValuePair<string, string>> SystemProperties { get; } = [];

    public long? MaxHeap { get; set; }

    public long? InitialHeap { get; set; }

    public long? ThreadStack { get; set; }

    public long? YoungHeap { get; set; }

    public bool InterpretOnly { get; set; }

    public bool VerboseClass { get; set; }

    public bool VerboseGC { get; set; }

    public bool VerboseJni { get; set; }

    public bool VerboseModule { get; set; }

    public List<AssertionSwitch> Assertions { get; } = [];

    public bool SystemAssertions { get; set; }

    public List<VmFlag> Flags { get; } = [];

    public List<KeyValuePair<string, string>> ModuleOptions { get; } = [];

    public bool EnablePreview { get; set; }

    public List<string> OtherOptions { get; } = [];

    /// <summary>-XX:+IgnoreUnrecognizedVMOptions, looked for before any option is processed.</summary>
    public bool IgnoreUnrecognized { get; set; }

    /// <summary>A -Djdk.module.* property reserved for the module options was dropped (warned about once).</summary>
    public bool DroppedModuleProperty { get; set; }

    public bool FlagIs(string name, bool value) =>
        Flags.LastOrDefault(f => f.Name == name)?.Value == (value ? "true" : "false");
}
