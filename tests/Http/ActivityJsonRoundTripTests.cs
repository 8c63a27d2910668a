using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Schema;

namespace TrustBot.Tests.Http;

/// <summary>protocol.md section 1: unknown fields are accepted and preserved.</summary>
public sealed class ActivityJsonRoundTripTests
{
    private const string Inbound = """
        {
          "type": "message",
          "id": "1",
          "timestamp": "2026-03-01T10:00:00.123Z",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "from": { "id": "29:a", "name": "Alex", "aadObjectId": "aad-1", "futureAccountField": { "x": [1, 2] } },
          "recipient": { "id": "28:bot", "role": "bot" },
          "conversation": { "id": "a:1", "conversationType": "personal", "tenantId": "t1", "futureConversationField": true },
          "text": "hi",
          "entities": [ { "type": "clientInfo", "locale": "en-GB", "timezone": "Europe/London", "platform": "Web" } ],
          "attachments": [ { "contentType": "application/vnd.microsoft.card.adaptive", "content": { "type": "AdaptiveCard", "version": "1.5" }, "futureAttachmentField": "kept" } ],
          "channelData": { "tenant": { "id": "t1" }, "eventType": "x", "nested": { "deep": [ { "a": null } ] } },
          "futureTopLevelField": { "anything": ["goes", 1, 2.5, false] },
          "futureScalar": 42
        }
        """;

    [Fact]
    public void Unknown_fields_and_channelData_survive_a_round_trip()
    {
        var activity = JsonSerializer.Deserialize(Inbound, ProtocolJson.Default.Activity)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJson.Default.Activity))!;
        var original = JsonNode.Parse(Inbound)!;

        // The instant must survive; its spelling may change from 'Z' to '+00:00'.
        Assert.Equal(DateTimeOffset.Parse(original["timestamp"]!.GetValue<string>()), DateTimeOffset.Parse(written["timestamp"]!.GetValue<string>()));
        original.AsObject().Remove("timestamp");
        written.AsObject().Remove("timestamp");

        Assert.True(JsonNode.DeepEquals(original, written), $"round trip changed the activity:\n{written.ToJsonString()}");
    }

    [Fact]
    public void Unknown_fields_are_readable_from_the_model()
    {
        var activity = JsonSerializer.Deserialize(Inbound, ProtocolJson.Default.Activity)!;
        Assert.Equal(42, activity.Properties!["futureScalar"].GetInt32());
        Assert.Equal("t1", activity.ChannelData!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("Europe/London", Assert.Single(activity.EntitiesOfType("clientInfo")).GetString("timezone"));
        Assert.True(activity.Conversation!.Properties!.ContainsKey("futureConversationField"));
    }
}
