using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Schema;

/// <summary>Writes UTC timestamps with a <c>Z</c> (as the activity schema shows them) and others with their offset.</summary>
internal sealed class TimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value)) return value;
        // A bad timestamp is bad input (400 at the edge), not a server error.
        throw new JsonException("A timestamp must be an ISO 8601 date and time, e.g. 2026-03-01T10:00:00Z.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture));
}
