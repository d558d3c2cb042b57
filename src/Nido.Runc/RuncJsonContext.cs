using System.Text.Json.Serialization;

namespace Nido.Runc;

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<Nido.Oci.Runtime.State>))]
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class RuncJsonContext : JsonSerializerContext;
