using System.Text.Json;
using Nido.Oci;

namespace Nido.Containers;

/// <summary>
/// state.json by hand: every verb reads it and create writes it several times, and System.Text.Json's first use of
/// a type costs milliseconds of metadata setup in a process that lives for tens of them. The format is the one the
/// serializer wrote (camelCase, indented, nulls written), so state directories of earlier builds still load.
/// </summary>
public static class ContainerStateJson
{
    public static string Write(ContainerState state) => JsonOut.Document(state, static (w, s) => JsonOut.Root(w, s, Members));

    private static void Members(Utf8JsonWriter w, ContainerState s)
    {
        w.WriteString("id", s.Id);
        w.WriteString("bundle", s.Bundle);
        w.WriteString("rootfs", s.Rootfs);
        w.WriteNumber("initPid", s.InitPid);
        w.WriteNumber("initStartTime", s.InitStartTime);
        w.WriteString("created", s.Created);
        w.WriteString("owner", s.Owner);
        Map(w, "annotations", s.Annotations);
        w.WriteString("cgroupMode", s.CgroupMode);
        Map(w, "cgroupPaths", s.CgroupPaths);
        List(w, "cgroupParents", s.CgroupParents);
        List(w, "hostMounts", s.HostMounts);
        w.WriteBoolean("complete", s.Complete);
        w.WriteNumber("creatorPid", s.CreatorPid);
        w.WriteNumber("creatorStartTime", s.CreatorStartTime);
    }

    public static ContainerState Read(string json, string source) => OciJson.ParseWith(json, Read, source);

    private static ContainerState Read(ref JsonCursor c)
    {
        var s = new ContainerState();
        for (c.StartObject(); c.NextProperty(out var name);)
            s = name switch
            {
                "id" => s with { Id = c.String(s.Id) },
                "bundle" => s with { Bundle = c.String(s.Bundle) },
                "rootfs" => s with { Rootfs = c.String(s.Rootfs) },
                "initPid" => s with { InitPid = c.Int32(s.InitPid) },
                "initStartTime" => s with { InitStartTime = c.UInt64(s.InitStartTime) },
                "created" => s with { Created = c.Time(s.Created) },
                "owner" => s with { Owner = c.String(s.Owner) },
                "annotations" => s with { Annotations = c.StringMap() },
                "cgroupMode" => s with { CgroupMode = c.NullableString() },
                "cgroupPaths" => s with { CgroupPaths = c.StringMap() },
                "cgroupParents" => s with { CgroupParents = c.Strings() },
                "hostMounts" => s with { HostMounts = c.Strings() },
                "complete" => s with { Complete = c.Bool(s.Complete) },
                "creatorPid" => s with { CreatorPid = c.Int32(s.CreatorPid) },
                "creatorStartTime" => s with { CreatorStartTime = c.UInt64(s.CreatorStartTime) },
                _ => Skip(ref c, s),
            };
        return s;
    }

    private static ContainerState Skip(ref JsonCursor c, ContainerState s)
    {
        c.Skip();
        return s;
    }

    /// <summary>A list, or an explicit null.</summary>
    private static void List(Utf8JsonWriter w, string name, List<string>? list)
    {
        if (list is null) w.WriteNull(name);
        else JsonOut.Strings(w, name, list);
    }

    /// <summary>A map, or an explicit null (this format writes nulls).</summary>
    private static void Map(Utf8JsonWriter w, string name, Dictionary<string, string>? map)
    {
        if (map is null) w.WriteNull(name);
        else JsonOut.StringMap(w, name, map);
    }
}
