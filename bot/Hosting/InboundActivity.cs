using System.Text;
using System.Text.Json;
using TrustBot.Schema;

namespace TrustBot.Bot.Hosting;

/// <summary>
/// Turns a request body into an activity the turn can rely on, at the HTTP edge: JSON of the
/// wrong kind is a 400 here instead of an exception inside the turn, null entries in arrays are
/// dropped, and every activity that touches a person's state names who sent it.
/// </summary>
internal static class InboundActivity
{
    /// <summary>The parsed activity, or the reason it cannot be accepted (always a 400).</summary>
    public static (Activity? Activity, string? Error) Parse(ReadOnlySpan<byte> body, bool requireFrom = true)
    {
        Activity? activity;
        try
        {
            activity = body.IsEmpty ? null : JsonSerializer.Deserialize(body, ProtocolJson.Default.Activity);
        }
        catch (JsonException)
        {
            return (null, "The body is not valid activity JSON.");
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type)) return (null, "The activity has no 'type'.");
        return Check(activity, requireFrom) is { } error ? (null, error) : (activity, null);
    }

    /// <summary>True for a JSON media type (application/json or application/*+json); channels always send one.</summary>
    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return false;
        var media = contentType.Split(';', 2)[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static string? Check(Activity a, bool requireFrom)
    {
        a.MembersAdded = WithoutNulls(a.MembersAdded);
        a.MembersRemoved = WithoutNulls(a.MembersRemoved);
        a.Entities = WithoutNulls(a.Entities);
        a.Attachments = WithoutNulls(a.Attachments);
        if (a.SuggestedActions is { } suggested)
        {
            suggested.Actions = WithoutNulls(suggested.Actions) ?? [];
            suggested.To = WithoutNulls(suggested.To);
        }

        // Who the activity is from decides whose state a turn reads and writes.
        if (requireFrom && a.Type is ActivityTypes.Message or ActivityTypes.InstallationUpdate && string.IsNullOrWhiteSpace(a.From?.Id))
            return "The activity has no 'from.id'.";
        foreach (var entity in a.Entities ?? [])
        {
            if (entity.Properties is null || !string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase)) continue;
            if (!entity.Properties.TryGetValue("mentioned", out var mentioned) || mentioned.ValueKind == JsonValueKind.Null) continue;
            if (mentioned.ValueKind != JsonValueKind.Object) return "A mention's 'mentioned' must be an object.";
            if (mentioned.TryGetProperty("id", out var id) && id.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return "A mention's 'mentioned.id' must be a string.";
        }
        return null;
    }

    private static List<T>? WithoutNulls<T>(List<T>? items) where T : class
    {
        if (items is null || !items.Contains(null!)) return items;
        items.RemoveAll(i => i is null);
        return items;
    }
}

/// <summary>
/// Values from the wire made safe for a log line: known activity types and channel ids as they
/// are, anything else cut short with control and non-ASCII characters replaced, so a request cannot
/// forge log lines or flood the log.
/// </summary>
internal static class LogValue
{
    private const int MaxLength = 32;

    private static readonly HashSet<string> KnownChannels = new(StringComparer.Ordinal)
    {
        Channels.Msteams, Channels.Webchat, Channels.Directline, Channels.Emulator, Channels.Test,
        "slack", "facebook", "telegram", "skype", "email", "sms", "line", "kik", "groupme", "twilio-sms", "cortana", "omnichannel", "alexa",
    };

    public static string ActivityType(string? type) => type is null ? "(none)" : ActivityTypes.IsKnown(type) ? type : "other:" + Escape(type);

    public static string Channel(string? channelId) => channelId is null ? "(none)" : KnownChannels.Contains(channelId) ? channelId : "other:" + Escape(channelId);

    /// <summary>At most 32 printable ASCII characters; the rest is replaced by '?' and the cut is marked.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(Math.Min(value.Length, MaxLength) + 8);
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, MaxLength))) text.Append(c is >= ' ' and <= '~' ? c : '?');
        if (value.Length > MaxLength) text.Append("...(").Append(value.Length).Append(')');
        return text.ToString();
    }
}
