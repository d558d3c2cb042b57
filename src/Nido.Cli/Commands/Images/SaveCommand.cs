using System.CommandLine;
using Nido.Images.Archive;

namespace Nido.Cli.Commands.Images;

/// <summary>`nido save [-o FILE] [--format oci-archive|oci-dir] IMAGE…`: an OCI layout (tar by default, also loadable by docker and podman).</summary>
public static class SaveCommand
{
    public static Command Create()
    {
        var images = new Argument<string[]>("image") { Arity = ArgumentArity.OneOrMore, Description = "Images to save" };
        var output = new Option<string?>("--output", "-o") { Description = "File (or directory for oci-dir) to write; default stdout" };
        var format = new Option<string>("--format") { Description = "oci-archive (a tar) or oci-dir (a layout directory)", DefaultValueFactory = _ => "oci-archive" };
        format.AcceptOnlyFromAmong("oci-archive", "oci-dir");
        var command = new Command("save", "Save images to an OCI layout") { images, output, format };
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var list = parse.GetValue(images)!.Select(t => engine.Images.Find(t) ?? throw new Engine.EngineException($"No such image: {t}", 1)).ToList();
            var path = parse.GetValue(output);
            if (parse.GetValue(format) == "oci-dir")
            {
                if (path is null) throw new Engine.EngineException("--format oci-dir needs --output DIR");
                OciArchive.SaveDirectory(engine.Images, list, path);
                return 0;
            }
            if (path is null && Linux.Terminal.IsTerminal(1)) throw new Engine.EngineException("refusing to write a tar to a terminal: use -o FILE or redirect", 1);
            var temp = path is null ? null : path + ".tmp";
            using (var stream = temp is null ? Console.OpenStandardOutput() : File.Create(temp))
                OciArchive.SaveTar(engine.Images, list, stream);
            if (temp is not null) File.Move(temp, path!, overwrite: true);
            return 0;
        }));
        return command;
    }
}
