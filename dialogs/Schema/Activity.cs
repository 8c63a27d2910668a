using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustBot.Schema;

/// <summary>
/// A Bot Framework activity: the JSON message exchanged between a channel and the bot.
/// Unknown properties are kept in <see cref="Properties"/> so they survive a round trip.
/// </summary>
public sealed class Activity
{
    /// <summary>The activity type, see <see cref="ActivityTypes"/>.</summary>
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public string? TopicName { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }
    public JsonNode? ChannelData { get; set; }
    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    public JsonNode? Value { get; set; }
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    public DateTimeOffset? Expiration { get; set; }
    public string? Importance { get; set; }
    public string? DeliveryMode { get; set; }
    public string? CallerId { get; set; }

    /// <summary>Properties this model does not name, kept verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Creates an outgoing message activity with the given text.</summary>
    public static Activity CreateMessage(string? text = null) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>
    /// Creates a reply: from/recipient swapped, conversation, channel and service URL copied,
    /// and <see cref="ReplyToId"/> set to this activity's id.
    /// </summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = null,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = RoleTypes.Bot },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId, Role = RoleTypes.User },
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
        TextFormat = text is null ? null : TextFormats.Plain,
    };

    /// <summary>The reference needed to continue this conversation later.</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Type == ActivityTypes.ConversationUpdate && ChannelId is Channels.Webchat or Channels.Directline ? null : Id,
        User = From,
        Bot = Recipient,
        Conversation = WithTenant(Conversation, TeamsTenantId),
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = ClientLocale,
    };

    /// <summary>The person's locale: the activity's, else the one in Teams' <c>clientInfo</c> entity.</summary>
    [JsonIgnore]
    public string? ClientLocale =>
        !string.IsNullOrWhiteSpace(Locale) ? Locale
        : EntitiesOfType("clientInfo").Select(e => e.GetString("locale")).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));

    /// <summary>
    /// The Teams tenant: <c>conversation.tenantId</c>, else <c>channelData.tenant.id</c>. Teams wants it on messages
    /// the bot starts, so a stored reference keeps it even when only channelData carried it.
    /// </summary>
    [JsonIgnore]
    public string? TeamsTenantId =>
        !string.IsNullOrWhiteSpace(Conversation?.TenantId) ? Conversation.TenantId
        : ChannelData is JsonObject data && data["tenant"] is JsonObject tenant && tenant["id"] is JsonValue id && id.TryGetValue<string>(out var t) && !string.IsNullOrWhiteSpace(t) ? t
        : null;

    private static ConversationAccount? WithTenant(ConversationAccount? conversation, string? tenantId)
    {
        if (conversation is null || tenantId is null || conversation.TenantId == tenantId) return conversation;
        return new ConversationAccount
        {
            Id = conversation.Id,
            Name = conversation.Name,
            IsGroup = conversation.IsGroup,
            ConversationType = conversation.ConversationType,
            TenantId = tenantId,
            Role = conversation.Role,
            Properties = conversation.Properties,
        };
    }

    /// <summary>True when this message carries neither text nor a submitted value.</summary>
    [JsonIgnore]
    public bool IsEmptyMessage => string.IsNullOrWhiteSpace(Text) && Value is null && (Attachments is null || Attachments.Count == 0);

    /// <summary>True in group chats and channels, where nothing private may be shown.</summary>
    [JsonIgnore]
    public bool IsGroupConversation => Conversation?.IsGroup == true || Conversation?.ConversationType is "groupChat" or "channel";

    /// <summary>Entities of the given type, e.g. <c>mention</c> or <c>clientInfo</c>.</summary>
    public IEnumerable<Entity> EntitiesOfType(string type) =>
        Entities?.Where(e => string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase)) ?? [];
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public string Type { get; set; } = ActionTypes.ImBack;
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonNode? Value { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

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

/// <summary>Everything needed to send a message into an existing conversation later.</summary>
public sealed class ConversationReference
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Locale { get; set; }

    /// <summary>True when the service URL arrived in an authenticated inbound activity.</summary>
    public bool ServiceUrlVerified { get; set; }

    /// <summary>Fills routing fields of an outgoing activity from this reference.</summary>
    public Activity ApplyTo(Activity activity, bool isIncoming = false)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = ServiceUrl;
        activity.Conversation = Conversation;
        activity.Locale ??= Locale;
        if (isIncoming)
        {
            activity.From = User;
            activity.Recipient = Bot;
            activity.Id = ActivityId;
        }
        else
        {
            activity.From = Bot;
            activity.Recipient = User;
            if (ActivityId is not null) activity.ReplyToId = ActivityId;
        }
        return activity;
    }
}

/// <summary>The body returned for <c>deliveryMode: expectReplies</c>.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = [];
}

/// <summary>The synchronous answer to an invoke activity.</summary>
public sealed class InvokeResponse
{
    public int Status { get; set; }
    public JsonNode? Body { get; set; }
}

/// <summary>What a channel returns after a send.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Trace = "trace";
    public const string ContactRelationUpdate = "contactRelationUpdate";
    public const string DeleteUserData = "deleteUserData";
    public const string Handoff = "handoff";
    public const string Suggestion = "suggestion";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Message, ConversationUpdate, InstallationUpdate, Event, Invoke, Typing, EndOfConversation,
        MessageReaction, MessageUpdate, MessageDelete, Trace, ContactRelationUpdate, DeleteUserData, Handoff, Suggestion,
    };

    public static bool IsKnown(string? type) => type is not null && Known.Contains(type);
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string Notification = "notification";
    public const string ExpectReplies = "expectReplies";
}

public static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
}

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}

public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
}

public static class Channels
{
    public const string Msteams = "msteams";
    public const string Webchat = "webchat";
    public const string Directline = "directline";
    public const string Emulator = "emulator";
    public const string Test = "test";
}

public static class AttachmentContentTypes
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    public const string HeroCard = "application/vnd.microsoft.card.hero";
    public const string Json = "application/json";
    public const string Png = "image/png";
}
