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
    public DateTimeOffset? LocalTimestamp { get => _rare?.LocalTimestamp; set { if (Rare(value is not null) is { } rare) rare.LocalTimestamp = value; } }
    public string? LocalTimezone { get => _rare?.LocalTimezone; set { if (Rare(value is not null) is { } rare) rare.LocalTimezone = value; } }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get => _rare?.AttachmentLayout; set { if (Rare(value is not null) is { } rare) rare.AttachmentLayout = value; } }
    public List<ChannelAccount>? MembersAdded { get => _rare?.MembersAdded; set { if (Rare(value is not null) is { } rare) rare.MembersAdded = value; } }
    public List<ChannelAccount>? MembersRemoved { get => _rare?.MembersRemoved; set { if (Rare(value is not null) is { } rare) rare.MembersRemoved = value; } }
    public string? TopicName { get => _rare?.TopicName; set { if (Rare(value is not null) is { } rare) rare.TopicName = value; } }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get => _rare?.Speak; set { if (Rare(value is not null) is { } rare) rare.Speak = value; } }
    public string? InputHint { get; set; }
    public string? Summary { get => _rare?.Summary; set { if (Rare(value is not null) is { } rare) rare.Summary = value; } }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }
    public JsonNode? ChannelData { get; set; }
    public string? Action { get => _rare?.Action; set { if (Rare(value is not null) is { } rare) rare.Action = value; } }
    public string? ReplyToId { get; set; }
    public string? Label { get => _rare?.Label; set { if (Rare(value is not null) is { } rare) rare.Label = value; } }
    public string? ValueType { get => _rare?.ValueType; set { if (Rare(value is not null) is { } rare) rare.ValueType = value; } }
    public JsonNode? Value { get; set; }
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get => _rare?.RelatesTo; set { if (Rare(value is not null) is { } rare) rare.RelatesTo = value; } }
    public string? Code { get => _rare?.Code; set { if (Rare(value is not null) is { } rare) rare.Code = value; } }
    public DateTimeOffset? Expiration { get => _rare?.Expiration; set { if (Rare(value is not null) is { } rare) rare.Expiration = value; } }
    public string? Importance { get => _rare?.Importance; set { if (Rare(value is not null) is { } rare) rare.Importance = value; } }
    public string? DeliveryMode { get; set; }
    public string? CallerId { get => _rare?.CallerId; set { if (Rare(value is not null) is { } rare) rare.CallerId = value; } }

    // Fields a turn's messages seldom carry live in a side object made on first use: an activity is made for every
    // message in and every reply out, and without them it is about half the size.
    private RareFields? _rare;

    private RareFields? Rare(bool setting) => _rare ?? (setting ? _rare = new RareFields() : null);

    private sealed class RareFields
    {
        public DateTimeOffset? LocalTimestamp;
        public string? LocalTimezone;
        public string? AttachmentLayout;
        public List<ChannelAccount>? MembersAdded;
        public List<ChannelAccount>? MembersRemoved;
        public string? TopicName;
        public string? Speak;
        public string? Summary;
        public string? Action;
        public string? Label;
        public string? ValueType;
        public ConversationReference? RelatesTo;
        public string? Code;
        public DateTimeOffset? Expiration;
        public string? Importance;
        public string? CallerId;
    }

    /// <summary>Properties this model does not name, kept verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Creates an outgoing message activity with the given text.</summary>
    public static Activity CreateMessage(string? text = null) => new() { Type = ActivityTypes.Message, Text = text };

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

    /// <summary>True in group chats and channels, where nothing private may be shown.</summary>
    [JsonIgnore]
    public bool IsGroupConversation => Conversation?.IsGroup == true || Conversation?.ConversationType is "groupChat" or "channel";

    /// <summary>Entities of the given type, e.g. <c>mention</c> or <c>clientInfo</c>.</summary>
    public IEnumerable<Entity> EntitiesOfType(string type) =>
        Entities?.Where(e => string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase)) ?? [];
}
