using System.Text.Json.Serialization;

namespace TrustBot.Journey;

/// <summary>Source-generated JSON for the due-time index.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DueEntry))]
internal sealed partial class ProactiveJson : JsonSerializerContext
{
}
