using Nido.Oci.Runtime;
using static Nido.Oci.Tests.SpecReaderTests;

namespace Nido.Oci.Tests;

/// <summary>
/// The hand-written writers (config.json, process, resources, state, features) against System.Text.Json: the same
/// text for records with every member set, with none set, and with strings that need escaping.
/// </summary>
public sealed class SpecWriterTests
{
    private static T Full<T>() => (T)Filler.Fill(typeof(T), new Counter());

    [Fact]
    public void Every_member_of_every_record_is_written_as_the_serializer_does()
    {
        Assert.Equal(OciJson.Write(Full<Spec>(), OciJsonContext.Default.Spec), SpecWriter.Write(Full<Spec>()));
        Assert.Equal(OciJson.Write(Full<Process>(), OciJsonContext.Default.Process), SpecWriter.Write(Full<Process>()));
        Assert.Equal(OciJson.Write(Full<Resources>(), OciJsonContext.Default.Resources), ResourcesWriter.Write(Full<Resources>()));
        Assert.Equal(OciJson.Write(Full<State>(), OciJsonContext.Default.State), StateWriter.Write(Full<State>()));
        Assert.Equal(OciJson.Write(Full<Features>(), OciJsonContext.Default.Features), FeaturesWriter.Write(Full<Features>()));
    }

    [Fact]
    public void Null_members_are_left_out()
    {
        Assert.Equal(OciJson.Write(new Spec(), OciJsonContext.Default.Spec), SpecWriter.Write(new Spec()));
        Assert.Equal(OciJson.Write(new Process(), OciJsonContext.Default.Process), SpecWriter.Write(new Process()));
        Assert.Equal(OciJson.Write(new Resources(), OciJsonContext.Default.Resources), ResourcesWriter.Write(new Resources()));
        Assert.Equal(OciJson.Write(new State(), OciJsonContext.Default.State), StateWriter.Write(new State()));
        Assert.Equal(OciJson.Write(new Features(), OciJsonContext.Default.Features), FeaturesWriter.Write(new Features()));
        var sparse = new Spec { Linux = new Linux { Resources = new Resources { Memory = new MemoryResources() } }, Process = new Process { Args = [] } };
        Assert.Equal(OciJson.Write(sparse, OciJsonContext.Default.Spec), SpecWriter.Write(sparse));
    }

    [Fact]
    public void Strings_are_escaped_as_the_serializer_does()
    {
        const string odd = "quote \" back \\ tab \t nl \n <html> & 'it' + é 日本 \u0001 \U0001F600";
        var spec = new Spec
        {
            OciVersion = odd, Hostname = odd, Annotations = new() { [odd] = odd },
            Process = new Process { Args = [odd, ""], Env = [$"A={odd}"], Cwd = odd },
        };
        Assert.Equal(OciJson.Write(spec, OciJsonContext.Default.Spec), SpecWriter.Write(spec));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(odd), JsonOut.Quote(odd));
    }

    [Fact]
    public void Every_character_is_escaped_as_the_serializer_does()
    {
        // The writers' own escaper stands in for the serializer's default encoder (see JsonEscaper).
        var all = new System.Text.StringBuilder();
        for (var c = 0; c < 0x800; c++) all.Append((char)c);
        foreach (var text in new[] { all.ToString(), "back\\slash \"quote\" \u007f del", "\uD83D\uDE00 \U0001F600 日本 \uFEFF \uFFFF", "plain/path:with=ascii_ok-1.2" })
        {
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(text), JsonOut.Quote(text));
            Assert.Equal(text, System.Text.Json.JsonSerializer.Deserialize<string>(JsonOut.Quote(text)));
        }
        // An unpaired surrogate (not valid UTF-16) comes out as the serializer writes it.
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize("a\uD800b"), JsonOut.Quote("a\uD800b"));
    }

    [Fact]
    public void A_list_of_states_is_an_indented_array()
    {
        List<State> states = [Full<State>(), new State { Id = "b", Status = "stopped" }];
        var expected = System.Text.Json.JsonSerializer.Serialize(states, OciJsonContext.Default.ListState);
        Assert.Equal(expected, StateWriter.Write(states));
        Assert.Equal("[]", StateWriter.Write(new List<State>()));
    }

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back()
    {
        var text = SpecWriter.Write(Full<Spec>());
        Assert.Equal(text, SpecWriter.Write(OciJson.ParseWith(text, SpecReader.Spec, "config.json")));
    }
}
