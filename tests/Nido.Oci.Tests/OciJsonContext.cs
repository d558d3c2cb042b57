using System.Text.Json;
using System.Text.Json.Serialization;
using Nido.Oci.Runtime;

namespace Nido.Oci.Tests;

/// <summary>
/// System.Text.Json's view of the runtime-spec records: the oracle the hand-written readers and writers
/// (SpecReader, SpecWriter, …) are compared with.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(Spec))]
[JsonSerializable(typeof(State))]
[JsonSerializable(typeof(Process))]
[JsonSerializable(typeof(Features))]
[JsonSerializable(typeof(Resources))]
[JsonSerializable(typeof(List<State>))]
public sealed partial class OciJsonContext : JsonSerializerContext;
