namespace Nido.Machines.Boot;

/// <summary>A kernel, initrd or boot setting a loader cannot use; the message names the file and the problem.</summary>
public sealed class BootException(string message) : Exception(message);
