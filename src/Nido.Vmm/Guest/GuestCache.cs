namespace Nido.Vmm.Guest;

/// <summary>
/// A default guest's files in its cache directory: the kernel, initrd.img, and a stamp holding the kernel version
/// and the recipe hash they were built from (a changed recipe means a rebuild).
/// </summary>
internal sealed class GuestCache(string directory, string kernelName, string commandLine)
{
    private string Kernel => Path.Combine(directory, kernelName);
    private string Initrd => Path.Combine(directory, "initrd.img");
    private string Stamp => Path.Combine(directory, "stamp");

    /// <summary>The cached guest if it exists and was built from <paramref name="recipe"/>.</summary>
    public GuestImage? Find(string recipe) =>
        File.Exists(Kernel) && File.Exists(Initrd) && File.Exists(Stamp) && File.ReadAllLines(Stamp) is [var version, var built] && built == recipe
            ? new GuestImage(Kernel, Initrd, version, commandLine)
            : null;

    /// <summary>
    /// Replaces the cached files only once the new ones are complete, under names of this process's own, so two
    /// first runs at once each finish (the second rename wins with identical content).
    /// </summary>
    public GuestImage Store(string kernelSource, byte[] initramfs, string version, string recipe)
    {
        Directory.CreateDirectory(directory);
        var suffix = $".new{Environment.ProcessId}";
        File.Copy(kernelSource, Kernel + suffix, overwrite: true);
        File.WriteAllBytes(Initrd + suffix, initramfs);
        File.WriteAllLines(Stamp + suffix, [version, recipe]);
        File.Move(Kernel + suffix, Kernel, overwrite: true);
        File.Move(Initrd + suffix, Initrd, overwrite: true);
        File.Move(Stamp + suffix, Stamp, overwrite: true);
        return new GuestImage(Kernel, Initrd, version, commandLine);
    }
}
