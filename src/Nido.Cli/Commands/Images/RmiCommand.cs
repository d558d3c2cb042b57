using System.CommandLine;
using Nido.Images;

namespace Nido.Cli.Commands.Images;

/// <summary>`nido rmi IMAGE…`: untags, then deletes the blobs and snapshots nothing uses any more.</summary>
public static class RmiCommand
{
    public static Command Create()
    {
        var images = new Argument<string[]>("image") { Arity = ArgumentArity.OneOrMore, Description = "Image names or ids" };
        var force = new Option<bool>("--force", "-f") { Description = "Remove even if containers use the image" };
        var command = new Command("rmi", "Remove images") { images, force };
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var failed = false;
            foreach (var text in parse.GetValue(images)!)
            {
                var image = engine.Images.Find(text);
                if (image is null)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"nido: No such image: {text}");
                    failed = true;
                    continue;
                }
                var users = engine.Containers.List().Where(r => r.ImageId == image.Id).ToList();
                if (users.Count > 0 && !parse.GetValue(force))
                {
                    parse.InvocationConfiguration.Error.WriteLine($"nido: conflict: unable to remove {text}: container {users[0].ShortId} ({users[0].Name}) uses it (remove the container, or use -f)");
                    failed = true;
                    continue;
                }
                using (engine.Images.Lock())
                {
                    // A name removes that name; an id removes every name of the image.
                    var byName = IsNamed(text, image);
                    var names = byName ? [image.Name!] : engine.Images.Names().Where(n => engine.Images.Load(n.Name, n.Manifest).Id == image.Id).Select(n => n.Name).ToList();
                    foreach (var name in names.Distinct())
                    {
                        engine.Images.Untag(name);
                        parse.InvocationConfiguration.Output.WriteLine($"Untagged: {ImageReference.Parse(name).Familiar}");
                    }
                    if (engine.Images.List().All(i => i.Id != image.Id)) parse.InvocationConfiguration.Output.WriteLine($"Deleted: {image.Id}");
                    engine.Images.CollectGarbage(engine.ChainsInUse());
                }
            }
            return failed ? 1 : 0;
        }));
        return command;
    }

    private static bool IsNamed(string text, Nido.Images.Store.Image image)
    {
        try { return ImageReference.Parse(text).ToString() == image.Name; }
        catch (ImageException) { return false; }
    }
}
