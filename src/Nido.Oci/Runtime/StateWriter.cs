using System.Text.Json;
using static Nido.Oci.JsonOut;

namespace Nido.Oci.Runtime;

/// <summary>The OCI state as `state` and `list --format json` print it and hooks read it on stdin (see <see cref="SpecWriter"/>).</summary>
public static class StateWriter
{
    public static string Write(State state) => Document(state, (w, s) => Root(w, s, Members));

    /// <summary>A JSON array of states (`list --format json`).</summary>
    public static string Write(List<State> states) => Document(states, static (w, list) =>
    {
        w.WriteStartArray();
        foreach (var s in list) Root(w, s, Members);
        w.WriteEndArray();
    });

    private static void Members(Utf8JsonWriter w, State s)
    {
        w.WriteString("ociVersion", s.OciVersion);
        w.WriteString("id", s.Id);
        w.WriteString("status", s.Status);
        w.WriteNumber("pid", s.Pid);
        w.WriteString("bundle", s.Bundle);
        StringMap(w, "annotations", s.Annotations);
        String(w, "rootfs", s.Rootfs);
        if (s.Created is { } created) w.WriteString("created", created);
        String(w, "owner", s.Owner);
    }
}
