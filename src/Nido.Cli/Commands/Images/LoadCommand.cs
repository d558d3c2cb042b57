using System.CommandLine;
using Nido.Images.Archive;

namespace Nido.Cli.Commands.Images;

/// <summary>`nido load [-i FILE|DIR]`: imports an OCI layout (directory or tar) or a docker-archive tar; stdin by default.</summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var input = new Option<string?>("--input", "-i") { Description = "Tar archive or OCI layout directory (default: stdin)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing" };
        var command = new Command("load", "Load images from an OCI layout or docker archive") { input, quiet };
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var images = parse.GetValue(input) is { } path
                ? OciArchive.Load(engine.Images, path)
                : OciArchive.Load(engine.Images, Console.OpenStandardInput(), "stdin");
            if (!parse.GetValue(quiet))
                foreach (var image in images) parse.InvocationConfiguration.Output.WriteLine($"Loaded image: {Nido.Images.ImageReference.Parse(image.Name!).Familiar}");
            return 0;
        }));
        return command;
    }
}
