using System.Globalization;
using Nido.Engine;

namespace Nido.Cli.Commands.Containers;

/// <summary>Docker's flag values: -v SRC:DST[:ro], --memory 512m, --cpus 1.5, --network none|host.</summary>
public static class RunFlags
{
    public static VolumeMount Volume(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3) throw new EngineException($"-v {text}: expected SRC:DST[:ro|rw]");
        var (source, destination) = (parts[0], parts[1]);
        if (!source.StartsWith('/')) throw new EngineException($"-v {text}: \"{source}\" is not an absolute host path (named volumes are not supported)");
        if (!destination.StartsWith('/')) throw new EngineException($"-v {text}: the container path \"{destination}\" must be absolute");
        if (destination == "/") throw new EngineException($"-v {text}: cannot mount over the container's root");
        var readOnly = false;
        foreach (var option in parts.Length == 3 ? parts[2].Split(',') : [])
        {
            switch (option)
            {
                case "ro": readOnly = true; break;
                case "rw" or "z" or "Z" or "": break;
                default: throw new EngineException($"-v {text}: unknown option \"{option}\" (ro, rw)");
            }
        }
        // Docker creates a missing host directory for a bind.
        if (!File.Exists(source) && !Directory.Exists(source)) Directory.CreateDirectory(source);
        return new VolumeMount(Path.GetFullPath(source), destination, readOnly);
    }

    public static long Memory(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var unit = t.Length > 0 && char.IsLetter(t[^1]) ? t[^1] : 'b';
        var number = char.IsLetter(t.Length > 0 ? t[^1] : '0') ? t[..^1] : t;
        if (number.EndsWith('b') && unit != 'b') number = number[..^1];
        var multiplier = unit switch { 'b' => 1L, 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => throw new EngineException($"--memory {text}: unknown unit '{unit}' (b, k, m, g)") };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new EngineException($"--memory {text}: not a positive size");
        var bytes = (long)(value * multiplier);
        if (bytes < 6 << 20) throw new EngineException($"--memory {text}: the minimum memory limit is 6MB");
        return bytes;
    }

    public static double Cpus(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || double.IsNaN(value))
            throw new EngineException($"--cpus {text}: not a positive number");
        if (value > Environment.ProcessorCount) throw new EngineException($"--cpus {text}: range of CPUs is from 0.01 to {Environment.ProcessorCount}.00, as there are only {Environment.ProcessorCount} CPUs available");
        return value;
    }

    public static string Network(string text) => text switch
    {
        "none" or "host" => text,
        "bridge" or "default" => throw new EngineException($"--network {text}: bridged networking is not available; use none (a private namespace with loopback) or host"),
        _ => throw new EngineException($"--network {text}: expected none or host"),
    };
}
