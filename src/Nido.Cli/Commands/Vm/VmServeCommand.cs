using System.CommandLine;
using Nido.Linux;

namespace Nido.Cli.Commands.Vm;

/// <summary>
/// `nido vm serve …` is nido-vmm: the VMM process alone, with Firecracker's command line, which the build publishes
/// beside nido. It is exec'd (same pid, stdio and terminal) before this command line is parsed, so the VMM runs as the
/// small binary (its own pages, not all of nido's, are what it maps); this command only lists it in --help.
/// </summary>
public static class VmServeCommand
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "nido-vmm");

    public static Command Create() => new("serve", "Serve Firecracker's API for one microVM: runs nido-vmm (`nido vm serve --help` lists its flags)");

    /// <summary>Replaces this process with nido-vmm; returns only with an error.</summary>
    public static int Exec(string[] args, TextWriter stderr)
    {
        var path = Path;
        try
        {
            Nido.Linux.Exec.Execve(path, [path, .. args], Nido.Linux.Exec.InheritedEnvironment());
        }
        catch (ErrnoException e)
        {
            stderr.WriteLine($"nido: vm serve: cannot run {path}: {e.Message} (./nido rebuilds it)");
        }
        return NidoApp.ExitFailure;
    }
}
