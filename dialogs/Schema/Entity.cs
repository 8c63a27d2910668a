using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Schema;

/// <summary>An entity attached to an activity (mention, clientInfo, ...). Its fields vary by type.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Reads a string property of the entity, or null.</summary>
    public string? GetString(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Reads a nested object property of the entity, or null.</summary>
    public JsonElement? GetObject(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;
}
