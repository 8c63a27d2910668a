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

        // The instant survives in UTC with a 'Z'; only the fraction's digits are padded.
        Assert.Equal("2026-03-01T10:00:00.1230000Z", written["timestamp"]!.GetValue<string>());
        original.AsObject().Remove("timestamp");
        written.AsObject().Remove("timestamp");

        Assert.True(JsonNode.DeepEquals(original, written), $"round trip changed the activity:\n{written.ToJsonString()}");
    }

    [Fact]
    public void Local_timestamp_keeps_its_offset()
    {
        var activity = new Activity { Type = ActivityTypes.Message, LocalTimestamp = new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.FromHours(1)) };
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJson.Default.Activity))!;
        Assert.Equal("2026-03-01T11:00:00.0000000+01:00", written["localTimestamp"]!.GetValue<string>());
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
