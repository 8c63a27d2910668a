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
