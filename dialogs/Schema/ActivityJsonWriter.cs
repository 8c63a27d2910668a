using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace TrustBot.Schema;

/// <summary>
/// Writes activities exactly as <see cref="ProtocolJson"/> serialises them (camelCase names, nulls left out, declared
/// order, unknown properties last, timestamps through <see cref="TimestampConverter"/>), by hand. The types carry
/// <c>[JsonExtensionData]</c>, so the generated contract has no fast path for them and writes each activity property by
/// property through its metadata, checking all forty of them; the answers of every turn over HTTP are written here.
/// A property added to <see cref="Activity"/> (or to the account and action types) must be added here too: a test
/// compares this writer with the serializer on an activity with every property set.
/// </summary>
internal static class ActivityJsonWriter
{
    private static readonly TimestampConverter Timestamps = new();

    private static readonly JsonEncodedText Activities = Encoded("activities");

    /// <summary>Writes <c>{"activities":[…]}</c> as the serializer writes <see cref="ExpectedReplies"/>.</summary>
    public static void Write(Utf8JsonWriter writer, ExpectedReplies replies)
    {
        writer.WriteStartObject();
        if (replies.Activities is { } activities)
        {
            writer.WriteStartArray(Activities);
            foreach (var activity in activities)
            {
                if (activity is null) writer.WriteNullValue();
                else Write(writer, activity);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes one activity as the serializer writes it with <see cref="ProtocolJson"/>.</summary>
    public static void Write(Utf8JsonWriter writer, Activity a) => Write(writer, a, Contract.Protocol);

    /// <summary>
    /// What differs between the contexts that write activities: the protocol's writes timestamps through
    /// <see cref="TimestampConverter"/>, the dialog engine's (prompts stored with their question) as the serializer's
    /// default does; each has its own metadata for the values written through the serializer.
    /// </summary>
    internal sealed record Contract(
        Action<Utf8JsonWriter, DateTimeOffset> Timestamp,
        JsonTypeInfo<List<ChannelAccount>> Accounts,
        JsonTypeInfo<List<Attachment>> Attachments,
        JsonTypeInfo<List<Entity>> Entities,
        JsonTypeInfo<JsonNode> Node,
        JsonTypeInfo<ConversationReference> Reference,
        JsonTypeInfo<List<string>> Strings)
    {
        public static readonly Contract Protocol = new(
            static (writer, value) => Timestamps.Write(writer, value, ProtocolJson.Default.Options),
            ProtocolJson.Default.ListChannelAccount, ProtocolJson.Default.ListAttachment, ProtocolJson.Default.ListEntity,
            ProtocolJson.Default.JsonNode, ProtocolJson.Default.ConversationReference, ProtocolJson.Default.ListString);
    }

    /// <summary>Writes one activity as the serializer writes it with the context <paramref name="json"/> describes.</summary>
    public static void Write(Utf8JsonWriter writer, Activity a, Contract json)
    {
        writer.WriteStartObject();
        String(writer, N.Type, a.Type);
        String(writer, N.Id, a.Id);
        Timestamp(writer, N.Timestamp, a.Timestamp, json);
        Timestamp(writer, N.LocalTimestamp, a.LocalTimestamp, json);
        String(writer, N.LocalTimezone, a.LocalTimezone);
        String(writer, N.ServiceUrl, a.ServiceUrl);
        String(writer, N.ChannelId, a.ChannelId);
        Account(writer, N.From, a.From);
        Conversation(writer, N.Conversation, a.Conversation);
        Account(writer, N.Recipient, a.Recipient);
        String(writer, N.TextFormat, a.TextFormat);
        String(writer, N.AttachmentLayout, a.AttachmentLayout);
        Value(writer, N.MembersAdded, a.MembersAdded, json.Accounts);
        Value(writer, N.MembersRemoved, a.MembersRemoved, json.Accounts);
        String(writer, N.TopicName, a.TopicName);
        String(writer, N.Locale, a.Locale);
        String(writer, N.Text, a.Text);
        String(writer, N.Speak, a.Speak);
        String(writer, N.InputHint, a.InputHint);
        String(writer, N.Summary, a.Summary);
        Suggested(writer, a.SuggestedActions, json);
        Value(writer, N.Attachments, a.Attachments, json.Attachments);
        Value(writer, N.Entities, a.Entities, json.Entities);
        Value(writer, N.ChannelData, a.ChannelData, json.Node);
        String(writer, N.Action, a.Action);
        String(writer, N.ReplyToId, a.ReplyToId);
        String(writer, N.Label, a.Label);
        String(writer, N.ValueType, a.ValueType);
        Value(writer, N.Value, a.Value, json.Node);
        String(writer, N.Name, a.Name);
        Value(writer, N.RelatesTo, a.RelatesTo, json.Reference);
        String(writer, N.Code, a.Code);
        Timestamp(writer, N.Expiration, a.Expiration, json);
        String(writer, N.Importance, a.Importance);
        String(writer, N.DeliveryMode, a.DeliveryMode);
        String(writer, N.CallerId, a.CallerId);
        Extension(writer, a.Properties);
        writer.WriteEndObject();
    }

    private static void Account(Utf8JsonWriter writer, JsonEncodedText name, ChannelAccount? account)
    {
        if (account is null) return;
        writer.WriteStartObject(name);
        String(writer, N.Id, account.Id);
        String(writer, N.Name, account.Name);
        String(writer, N.AadObjectId, account.AadObjectId);
        String(writer, N.Role, account.Role);
        Extension(writer, account.Properties);
        writer.WriteEndObject();
    }

    private static void Conversation(Utf8JsonWriter writer, JsonEncodedText name, ConversationAccount? conversation)
    {
        if (conversation is null) return;
        writer.WriteStartObject(name);
        String(writer, N.Id, conversation.Id);
        String(writer, N.Name, conversation.Name);
        if (conversation.IsGroup is { } isGroup) writer.WriteBoolean(N.IsGroup, isGroup);
        String(writer, N.ConversationType, conversation.ConversationType);
        String(writer, N.TenantId, conversation.TenantId);
        String(writer, N.Role, conversation.Role);
        Extension(writer, conversation.Properties);
        writer.WriteEndObject();
    }

    private static void Suggested(Utf8JsonWriter writer, SuggestedActions? suggested, Contract json)
    {
        if (suggested is null) return;
        writer.WriteStartObject(N.SuggestedActions);
        Value(writer, N.To, suggested.To, json.Strings);
        if (suggested.Actions is { } actions)
        {
            writer.WriteStartArray(N.Actions);
            foreach (var action in actions)
            {
                if (action is null)
                {
                    writer.WriteNullValue();
                    continue;
                }
                writer.WriteStartObject();
                String(writer, N.Type, action.Type);
                String(writer, N.Title, action.Title);
                String(writer, N.Image, action.Image);
                String(writer, N.Text, action.Text);
                String(writer, N.DisplayText, action.DisplayText);
                Value(writer, N.Value, action.Value, json.Node);
                Extension(writer, action.Properties);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void String(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null) writer.WriteString(name, value);
    }

    private static void Timestamp(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value, Contract json)
    {
        if (value is not { } timestamp) return;
        writer.WritePropertyName(name);
        json.Timestamp(writer, timestamp);
    }

    private static void Value<T>(Utf8JsonWriter writer, JsonEncodedText name, T? value, JsonTypeInfo<T> type)
        where T : class
    {
        if (value is null) return;
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, value, type);
    }

    // Unknown properties, after the named ones, under their own names.
    internal static void Extension(Utf8JsonWriter writer, Dictionary<string, JsonElement>? properties)
    {
        if (properties is null) return;
        foreach (var (key, value) in properties)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }
    }

    internal static JsonEncodedText Encoded(string name) => JsonEncodedText.Encode(name, ProtocolJson.Default.Options.Encoder);

    /// <summary>The property names, encoded once.</summary>
    private static class N
    {
        public static readonly JsonEncodedText Type = Encoded("type"), Id = Encoded("id"), Timestamp = Encoded("timestamp"),
            LocalTimestamp = Encoded("localTimestamp"), LocalTimezone = Encoded("localTimezone"), ServiceUrl = Encoded("serviceUrl"),
            ChannelId = Encoded("channelId"), From = Encoded("from"), Conversation = Encoded("conversation"), Recipient = Encoded("recipient"),
            TextFormat = Encoded("textFormat"), AttachmentLayout = Encoded("attachmentLayout"), MembersAdded = Encoded("membersAdded"),
            MembersRemoved = Encoded("membersRemoved"), TopicName = Encoded("topicName"), Locale = Encoded("locale"), Text = Encoded("text"),
            Speak = Encoded("speak"), InputHint = Encoded("inputHint"), Summary = Encoded("summary"), SuggestedActions = Encoded("suggestedActions"),
            Attachments = Encoded("attachments"), Entities = Encoded("entities"), ChannelData = Encoded("channelData"), Action = Encoded("action"),
            ReplyToId = Encoded("replyToId"), Label = Encoded("label"), ValueType = Encoded("valueType"), Value = Encoded("value"), Name = Encoded("name"),
            RelatesTo = Encoded("relatesTo"), Code = Encoded("code"), Expiration = Encoded("expiration"), Importance = Encoded("importance"),
            DeliveryMode = Encoded("deliveryMode"), CallerId = Encoded("callerId"), AadObjectId = Encoded("aadObjectId"), Role = Encoded("role"),
            IsGroup = Encoded("isGroup"), ConversationType = Encoded("conversationType"), TenantId = Encoded("tenantId"), To = Encoded("to"),
            Actions = Encoded("actions"), Title = Encoded("title"), Image = Encoded("image"), DisplayText = Encoded("displayText");
    }
}
