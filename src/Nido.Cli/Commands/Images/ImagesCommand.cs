using System.CommandLine;
using Nido.Images;

namespace Nido.Cli.Commands.Images;

/// <summary>`nido images`: the local images, as `docker images` lists them.</summary>
public static class ImagesCommand
{
    public static Command Create()
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only image ids" };
        var digests = new Option<bool>("--digests") { Description = "Show manifest digests" };
        var command = new Command("images", "List images") { quiet, digests };
        command.SetAction(parse => EngineCommand.Run(parse, engine =>
        {
            var output = parse.InvocationConfiguration.Output;
            var images = engine.Images.List();
            if (parse.GetValue(quiet))
            {
                foreach (var id in images.Select(i => i.ShortId).Distinct()) output.WriteLine(id);
                return 0;
            }
            var rows = images.Select(i =>
            {
                var r = ImageReference.Parse(i.Name!);
                var name = r.Familiar[..r.Familiar.LastIndexOf(':')];
                var created = i.Config.Created is { } c ? Engine.Engine.Ago(c) + " ago" : "N/A";
                return parse.GetValue(digests)
                    ? new[] { name, r.Tag ?? "<none>", i.ManifestDescriptor.Digest, i.ShortId, created, Size(i.Size) }
                    : new[] { name, r.Tag ?? "<none>", i.ShortId, created, Size(i.Size) };
            }).ToList();
            string[] header = parse.GetValue(digests) ? ["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"] : ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"];
            Table.Write(output, header, rows);
            return 0;
        }));
        return command;
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1_000_000_000 => $"{bytes / 1e9:0.##}GB",
        >= 1_000_000 => $"{bytes / 1e6:0.##}MB",
        >= 1_000 => $"{bytes / 1e3:0.##}kB",
        _ => $"{bytes}B",
    };
}

/// <summary>Docker's plain column layout: left-aligned, three spaces between columns.</summary>
public static class Table
{
    public static void Write(TextWriter output, string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        foreach (var row in rows.Prepend(header))
            output.WriteLine(string.Join("   ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
    }
}
