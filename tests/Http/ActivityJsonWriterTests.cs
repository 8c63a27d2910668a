using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TrustBot.Schema;

namespace TrustBot.Tests.Http;

/// <summary>The answers of a turn over HTTP are written by hand; a channel must receive exactly what the serializer writes.</summary>
public sealed class ActivityJsonWriterTests
{
    private static readonly DateTimeOffset Utc = new(2026, 3, 1, 10, 0, 0, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset London = new(2026, 7, 1, 11, 0, 0, TimeSpan.FromHours(1));

    private static Dictionary<string, JsonElement> Unknown(string name) =>
        new() { [name] = JsonDocument.Parse("""{"x":[1,2.5,null,"é"],"y":true}""").RootElement.Clone() };

    private static ChannelAccount Account(string id) =>
        new() { Id = id, Name = "Sam \"the\" <partner> 😊", AadObjectId = "aad-" + id, Role = "user", Properties = Unknown("futureAccount") };

    /// <summary>An activity with every property the contract writes set, text that needs escaping included.</summary>
    internal static Activity Everything() => new()
    {
        Type = ActivityTypes.Message,
        Id = "a1",
        Timestamp = Utc,
        LocalTimestamp = London,
        LocalTimezone = "Europe/London",
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        ChannelId = Channels.Msteams,
        From = Account("bot"),
        Conversation = new ConversationAccount
        {
            Id = "c1", Name = "Us", IsGroup = false, ConversationType = "personal", TenantId = "t1", Role = "user", Properties = Unknown("futureConversation"),
        },
        Recipient = Account("person"),
        TextFormat = "markdown",
        AttachmentLayout = "carousel",
        MembersAdded = [Account("m1")],
        MembersRemoved = [Account("m2")],
        TopicName = "topic",
        Locale = "en-GB",
        Text = "How's trust today? <b>7/10</b> & “quotes” \u2028 \t\n é 😊",
        Speak = "speak",
        InputHint = "expectingInput",
        Summary = "summary",
        SuggestedActions = new SuggestedActions
        {
            To = ["person"],
            Actions =
            [
                new CardAction { Type = ActionTypes.ImBack, Title = "Better 😊", Image = "https://x/i.png", Text = "text", DisplayText = "shown", Value = "better", Properties = Unknown("futureAction") },
                new CardAction { Title = "About the same" },
            ],
        },
        Attachments = [new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = new JsonObject { ["type"] = "AdaptiveCard" }, Name = "card", ContentUrl = "https://x/c", ThumbnailUrl = "https://x/t", Properties = Unknown("futureAttachment") }],
        Entities = [new Entity { Type = "clientInfo", Properties = Unknown("locale") }],
        ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "t1" } },
        Action = "add",
        ReplyToId = "r1",
        Label = "label",
        ValueType = "vt",
        Value = new JsonObject { ["status"] = 200, ["body"] = new JsonArray(1, "two", null) },
        Name = "name",
        RelatesTo = new ConversationReference { ActivityId = "r1", ChannelId = Channels.Msteams, ServiceUrl = "https://x/" },
        Code = "completedSuccessfully",
        Expiration = London,
        Importance = "high",
        DeliveryMode = DeliveryModes.ExpectReplies,
        CallerId = "urn:botframework:azure",
        Properties = Unknown("futureTopLevel"),
    };

    private static string ByHand(ExpectedReplies replies)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ProtocolJson.Default.Options.Encoder }))
            ActivityJsonWriter.Write(writer, replies);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string BySerializer(ExpectedReplies replies) => JsonSerializer.Serialize(replies, ProtocolJson.Default.ExpectedReplies);

    [Fact]
    public void The_fixture_sets_every_property_the_contract_writes()
    {
        // A property added to Activity (or to an account or an action) must be set here, so the comparison below covers it.
        var activity = Everything();
        foreach (var (type, value) in new (Type, object)[]
                 {
                     (typeof(Activity), activity), (typeof(ChannelAccount), activity.From!), (typeof(ConversationAccount), activity.Conversation!),
                     (typeof(SuggestedActions), activity.SuggestedActions!), (typeof(CardAction), activity.SuggestedActions!.Actions[0]),
                 })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null || property.SetMethod is null) continue;
                Assert.True(property.GetValue(value) is not null, $"{type.Name}.{property.Name} is not set in the fixture");
            }
        }
    }

    [Fact]
    public void Answers_written_by_hand_are_the_serializers_bytes()
    {
        var minimal = Activity.CreateMessage("7");
        var unicodeOnly = new Activity { Type = ActivityTypes.Message, Text = "Ça va? Привет 你好 \u0001", Conversation = new ConversationAccount { IsGroup = true } };
        var emptyActions = new Activity { Type = ActivityTypes.Typing, SuggestedActions = new SuggestedActions(), Entities = [] };
        foreach (var replies in new[]
                 {
                     new ExpectedReplies { Activities = [Everything(), minimal, unicodeOnly, emptyActions, null!] },
                     new ExpectedReplies(),
                 })
        {
            Assert.Equal(BySerializer(replies), ByHand(replies));
        }
    }
}
