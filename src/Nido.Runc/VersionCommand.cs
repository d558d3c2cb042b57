using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;

namespace Nido.Runc;

/// <summary>`nido --version`: version, commit and runtime, in runc's "name version X" first-line shape.</summary>
public static class VersionCommand
{
    public static string Text()
    {
        // PublishAot flips the dynamic-code feature switch for plain builds too, so ask the file system instead:
        // only a CoreCLR build has its IL beside the host.
        var mode = File.Exists(Path.Combine(AppContext.BaseDirectory, "nido.dll")) ? "CoreCLR" : "native (AOT)";
        // "spec:" as runc prints it: the OCI runtime-spec version this runtime implements.
        return $"nido version {BuildInfo.Version}\ncommit: {BuildInfo.Commit}\nspec: {Nido.Oci.Runtime.SpecVersion.Current}\nruntime: .NET {Environment.Version}, {RuntimeInformation.RuntimeIdentifier}, {mode}";
    }

    /// <summary>What --version does: prints <see cref="Text"/>.</summary>
    internal sealed class Action : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Text());
            return 0;
        }
    }
}
