using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Nido.Oci.Runtime;

namespace Nido.Oci.Tests;

/// <summary>
/// The hand-written config.json reader against System.Text.Json (the model's own serializer): every field of every
/// record must come through, and bad documents must be refused with the file, JSON path and line.
/// </summary>
public sealed class SpecReaderTests
{
    private static string Json(Spec s) => OciJson.Write(s, OciJsonContext.Default.Spec);
    private static Spec Read(string json) => OciJson.ParseWith(json, SpecReader.Spec, "config.json");

    [Fact]
    public void Every_field_of_every_record_is_read()
    {
        // Each property gets a distinct non-default value (reflection over the model), so a field the reader misses,
        // misnames or puts in the wrong place changes the round trip.
        var full = (Spec)Filler.Fill(typeof(Spec), new Counter());
        var json = Json(full);
        Assert.Equal(json, Json(Read(json)));
        Assert.Equal(json, Json(JsonSerializer.Deserialize(json, OciJsonContext.Default.Spec)!));
    }

    [Fact]
    public void The_default_spec_reads_as_System_Text_Json_reads_it()
    {
        var json = Json(DefaultSpec.Create());
        Assert.Equal(Json(JsonSerializer.Deserialize(json, OciJsonContext.Default.Spec)!), Json(Read(json)));
    }

    [Fact]
    public void Unknown_fields_are_skipped_comments_allowed_and_null_keeps_the_zero_value()
    {
        var spec = Read("""
            // podman writes fields newer than this model
            { "ociVersion": "1.2.0", "future": {"a": [1, {"b": null}]}, /* here too */
              "process": { "terminal": null, "user": null, "cwd": null, "args": ["sh", null], "oomScoreAdj": null },
              "root": { "path": "rootfs", "readonly": true, "x": 1 }, "hostname": null,
              "linux": { "namespaces": [ { "type": "pid" } ], "resources": { "memory": { "limit": -1 } } } }
            """);
        Assert.Equal("1.2.0", spec.OciVersion);
        Assert.False(spec.Process!.Terminal);
        Assert.Equal(0u, spec.Process.User.Uid);
        Assert.Equal("", spec.Process.Cwd);
        Assert.Equal(["sh", ""], spec.Process.Args!);
        Assert.Null(spec.Process.OomScoreAdj);
        Assert.True(spec.Root!.Readonly);
        Assert.Null(spec.Hostname);
        Assert.Equal("pid", spec.Linux!.Namespaces![0].Type);
        Assert.Equal(-1, spec.Linux.Resources!.Memory!.Limit);
    }

    [Theory]
    [InlineData("""{"process": {"terminal": "yes"}}""", "at $.process.terminal (line 1): expected true or false")]
    [InlineData("""{"process": {"user": {"uid": -1}}}""", "at $.process.user.uid (line 1): expected an unsigned 32-bit integer")]
    [InlineData("{\n\"process\": {\n\"args\": [\"a\", 5]}}", "at $.process.args[1] (line 3): expected a string")]
    [InlineData("""{"linux": {"resources": {"cpu": {"shares": 1.5}}}}""", "at $.linux.resources.cpu.shares (line 1): expected an unsigned 64-bit integer")]
    [InlineData("""{"mounts": {}}""", "at $.mounts (line 1): expected an array")]
    [InlineData("""{"root": []}""", "at $.root (line 1): expected an object")]
    [InlineData("""{"ociVersion": "1.0.0",}""", "(line 1): ")]
    [InlineData("""{"ociVersion": "1.0.0"} {}""", "unexpected content after the document")]
    [InlineData("""{"process": {"args": ["a" """, "the document ends early")]
    [InlineData("", "the document ends early")]
    [InlineData("[]", "expected an object")]
    public void Bad_documents_name_the_file_path_and_line(string json, string expected)
    {
        var e = Assert.Throws<OciException>(() => Read(json));
        Assert.StartsWith("config.json: invalid JSON", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_null_document_is_refused() =>
        Assert.Equal("config.json: the document is null", Assert.Throws<OciException>(() => Read("null")).Message);

    [Fact]
    public void A_lone_surrogate_is_invalid_text() =>
        Assert.Contains("invalid text", Assert.Throws<OciException>(() => Read("""{"hostname": "\ud800"}""")).Message);

    private const string Tokens = "{}[]\",:0-9en ";

    [Fact]
    public void Mutated_documents_are_refused_only_with_OciException()
    {
        var seed = Encoding.UTF8.GetBytes(Json((Spec)Filler.Fill(typeof(Spec), new Counter())));
        var random = new Random(6);
        var escapes = new List<string>();
        for (var i = 0; i < 20000; i++)
        {
            var doc = (byte[])seed.Clone();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var at = random.Next(doc.Length);
                doc[at] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => (byte)Tokens[random.Next(Tokens.Length)], _ => doc[random.Next(doc.Length)] };
            }
            try { Read(Encoding.UTF8.GetString(doc)); }
            catch (OciException) { }
            catch (Exception e) { escapes.Add($"{i}: {e.GetType().Name}: {e.Message}"); }
        }
        Assert.True(escapes.Count == 0, string.Join("\n", escapes.Take(10)));
    }

    [Fact]
    public void Process_and_resources_documents_read_on_their_own()
    {
        var full = (Spec)Filler.Fill(typeof(Spec), new Counter());
        var process = OciJson.Write(full.Process!, OciJsonContext.Default.Process);
        Assert.Equal(process, OciJson.Write(OciJson.ParseWith(process, SpecReader.Process, "process.json"), OciJsonContext.Default.Process));
        var resources = OciJson.Write(full.Linux!.Resources!, OciJsonContext.Default.Resources);
        Assert.Equal(resources, OciJson.Write(OciJson.ParseResources(resources, "stdin"), OciJsonContext.Default.Resources));
    }

    internal sealed class Counter { public int Next = 1; }

    /// <summary>Builds a record with every property set to a distinct non-default value (two entries per list and map).</summary>
    internal static class Filler
    {
        public static object Fill(Type type, Counter n)
        {
            var under = Nullable.GetUnderlyingType(type) ?? type;
            if (under == typeof(string)) return $"s{n.Next++}";
            if (under == typeof(bool)) return true;
            if (under == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 23, 10, 20, 30, TimeSpan.FromHours(n.Next++ % 12)).AddTicks(1234567);
            if (under.IsPrimitive) return Convert.ChangeType(n.Next++ % 100 + 1, under);
            if (under.IsGenericType && under.GetGenericTypeDefinition() == typeof(List<>))
            {
                var list = (IList)Activator.CreateInstance(under)!;
                for (var i = 0; i < 2; i++) list.Add(Fill(under.GetGenericArguments()[0], n));
                return list;
            }
            if (under.IsGenericType && under.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                var map = (IDictionary)Activator.CreateInstance(under)!;
                for (var i = 0; i < 2; i++) map[$"k{n.Next++}"] = Fill(under.GetGenericArguments()[1], n);
                return map;
            }
            var value = Activator.CreateInstance(under)!;
            foreach (var p in under.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (p.CanWrite) p.SetValue(value, Fill(p.PropertyType, n));
            return value;
        }
    }
}
