using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Bot.Proactive;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Tests.Connector;
using TrustBot.Tests.Journey;
using TrustBot.Tests.Proactive;

namespace TrustBot.Tests.Teams;

/// <summary>
/// What Teams tells the bot about the person beyond their words: the tenant (in <c>channelData</c>) and the
/// <c>clientInfo</c> entity's locale and time zone, kept for the messages the bot starts later.
/// </summary>
public sealed class TeamsTenantAndLocaleTests : IAsyncLifetime
{
    private const string Tenant = "00000000-0000-0000-0000-00000000a1a1";

    private LoopbackSenderRig _rig = null!;

    private FakeChannelServer _channel => _rig.Channel;

    public async Task InitializeAsync() => _rig = await LoopbackSenderRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    /// <summary>A Teams person whose activities carry the tenant only in channelData and the locale only in clientInfo.</summary>
    private JourneyHarness TeamsPerson(string timeZone = "Europe/Paris")
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        h.Adapter.Conversation.ServiceUrl = _channel.Url + "/";
        h.Adapter.Conversation.Locale = null;
        h.Adapter.Decorate = a =>
        {
            a.ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } };
            a.Entities = JsonSerializer.Deserialize($$"""{"type":"message","entities":[{"type":"clientInfo","locale":"fr-FR","country":"FR","platform":"Web","timezone":"{{timeZone}}"}]}""", ProtocolJson.Default.Activity)!.Entities;
        };
        return h;
    }

    [Fact]
    public async Task The_time_zone_teams_reports_is_offered_and_a_yes_keeps_it()
    {
        var h = TeamsPerson();
        await h.Flow()
            .Send("hi").SkipReplies().Send("yes").SkipReplies().Send("sam").SkipReplies()
            .Send("i was hurt").SkipReplies().Send("dishonesty").SkipReplies().Send("yes").SkipReplies()
            .Send("every day").SkipReplies()
            .Send("7pm").AssertReplyContains("It looks like your time zone is")
            .Send("yes").SkipReplies()
            .StartTestAsync();
        Assert.Equal("Europe/Paris", (await h.ProfileAsync())!.TimeZone);
    }

    [Fact]
    public async Task A_reminder_goes_to_the_teams_tenant_in_the_persons_locale_even_when_only_channel_data_and_client_info_named_them()
    {
        var h = TeamsPerson();
        await h.Flow()
            .Send("hi").SkipReplies().Send("yes").SkipReplies().Send("sam").SkipReplies()
            .Send("i was hurt").SkipReplies().Send("dishonesty").SkipReplies().Send("yes").SkipReplies()
            .Send("every day").SkipReplies().Send("7pm").SkipReplies().Send("yes").SkipReplies()
            .Send("menu").SkipReplies()
            .StartTestAsync();

        var reference = await h.Storage.ReadAsync([new StorageKey(h.Partition, RecordKinds.Reference)], default);
        var stored = JsonSerializer.Deserialize(reference.Single().Value.Json, JourneyJson.Default.ConversationReference)!;
        Assert.Equal((Tenant, "fr-FR"), (stored.Conversation?.TenantId, stored.Locale));

        // Hour by hour until the first message the bot starts is due (each new sender looks back three hours).
        var sent = 0;
        for (var hour = 0; hour < 48 && sent == 0; hour++)
        {
            h.Clock.Advance(TimeSpan.FromHours(1));
            sent = await _rig.Sender(h).TickAsync(default);
        }
        Assert.True(sent >= 1, "no proactive message was sent");

        var reminder = JsonNode.Parse(_channel.ConnectorRequests.Last().Body)!;
        Assert.Equal(Tenant, reminder["conversation"]?["tenantId"]?.GetValue<string>());
        Assert.Equal("fr-FR", reminder["locale"]?.GetValue<string>());
    }
}
