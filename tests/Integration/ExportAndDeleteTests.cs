using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Schema;
using TrustBot.Tests.Journey;
using TrustBot.Tests.Storage;

namespace TrustBot.Tests.Integration;

/// <summary>The real conversation logic (TrustBotHandler) over Azure Table storage on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class ExportAndDeleteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Export_and_delete_against_Azurite()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var storage = StoredState.Storage(azurite.ConnectionString, prefix);
        var h = new JourneyHarness(storage);
        var first = h.Adapter.Conversation;
        var firstPartition = h.Partition;

        await h.Onboarded()
            .CheckIn("6", "Better", win: "We laughed together at dinner")
            .Send("wins").SkipReplies().Send("Log a win").SkipReplies().Send("We cooked together").SkipReplies()
            .StartTestAsync();

        h.Adapter.Conversation = new ConversationReference
        {
            ChannelId = first.ChannelId,
            ServiceUrl = first.ServiceUrl,
            User = new ChannelAccount { Id = "user2", Name = "Kim", Role = RoleTypes.User },
            Bot = first.Bot,
            Conversation = new ConversationAccount { Id = "conversation2", ConversationType = "personal" },
            Locale = first.Locale,
        };
        var secondPartition = h.Partition;
        await h.Onboarded("I broke the trust").StartTestAsync();
        var secondRows = await StoredState.CountEntitiesAsync(azurite.ConnectionString, prefix, secondPartition);
        Assert.True(secondRows >= 2, $"the second person has {secondRows} rows");

        h.Adapter.Conversation = first;
        h.Adapter.ClearReplies();
        await h.Flow().Send("export my data").StartTestAsync();
        var export = h.Adapter.Sent.Last(a => a.Attachments is { Count: > 0 });
        var attachment = Assert.Single(export.Attachments!);
        Assert.Equal(AttachmentContentTypes.Json, attachment.ContentType);
        const string dataPrefix = "data:application/json;base64,";
        Assert.StartsWith(dataPrefix, attachment.ContentUrl);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(attachment.ContentUrl![dataPrefix.Length..])))!.AsObject();
        Assert.Equal("Sam", json["profile"]!["name"]!.GetValue<string>());
        Assert.Equal(2, json["profile"]!["winCount"]!.GetValue<int>());
        var checkIn = Assert.Single(json["checkin"]!.AsArray());
        Assert.Equal(6, checkIn!["content"]!["trust"]!.GetValue<int>());
        var wins = json["win"]!.AsArray().Select(w => w!["content"]!["text"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["We cooked together", "We laughed together at dinner"], wins);
        Assert.DoesNotContain("user2", json.ToJsonString());

        h.Adapter.ClearReplies();
        await h.Flow()
            .Send("delete my data").AssertEventuallyContains("Delete it all?")
            .Send("Yes, delete everything").AssertReplyContains("everything I had stored about you is erased")
            .StartTestAsync();

        Assert.Empty(await storage.QueryAsync(firstPartition, "", int.MaxValue, default));
        Assert.Equal(0, await StoredState.CountEntitiesAsync(azurite.ConnectionString, prefix, firstPartition));
        Assert.Equal(secondRows, await StoredState.CountEntitiesAsync(azurite.ConnectionString, prefix, secondPartition));
        Assert.NotNull(await StoredState.ProfileAsync(storage, secondPartition));

        h.Adapter.ClearReplies();
        await h.Flow()
            .Send("hello").AssertReplyContains("not a therapist").AssertReply("Would you like to begin?")
            .StartTestAsync();
        Assert.Null(await StoredState.ProfileAsync(storage, firstPartition));
    }
}
