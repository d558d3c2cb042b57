using System.CommandLine;
using Nido.Containers;
using Nido.Oci;
using Nido.Oci.Runtime;

namespace Nido.Runc.Verbs;

/// <summary>`spec`: writes a default config.json, as `runc spec` does (and refuses to overwrite one).</summary>
public static class SpecVerb
{
    public static Command Create()
    {
        var bundle = new Option<string>("--bundle", "-b") { Description = "Directory to write config.json into", DefaultValueFactory = _ => "." };
        var rootless = new Option<bool>("--rootless") { Description = "A spec for a rootless container (user namespace)" };
        var command = new Command("spec", "Create a new specification file (config.json)");
        command.Options.Add(bundle);
        command.Options.Add(rootless);
        command.SetAction(parse =>
        {
            var path = Path.Combine(parse.GetValue(bundle)!, "config.json");
            if (File.Exists(path)) throw new ContainerException("File config.json exists. Remove it first");
            var spec = DefaultSpec.Create(parse.GetValue(rootless));
            if (parse.GetValue(rootless))
            {
                uint uid = Nido.Linux.Credentials.EffectiveUid, gid = Nido.Linux.Credentials.EffectiveGid;
                spec = spec with
                {
                    Linux = spec.Linux! with
                    {
                        UidMappings = [new IdMapping { ContainerID = 0, HostID = uid, Size = 1 }],
                        GidMappings = [new IdMapping { ContainerID = 0, HostID = gid, Size = 1 }],
                    },
                };
            }
            File.WriteAllText(path, SpecWriter.Write(spec));
            return 0;
        });
        return command;
    }
}
