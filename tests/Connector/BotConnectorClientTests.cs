using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Channel.Connector;
using TrustBot.Schema;

namespace TrustBot.Tests.Connector;

public sealed class BotConnectorClientTests
{
    [Fact]
    public async Task Reply_posts_the_activity_to_the_reply_route_with_the_bot_token()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);

        var response = await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url, "conv-1", replyToId: "in-7", text: "Welcome back"), CancellationToken.None);

        var hit = Assert.Single(channel.ConnectorRequests);
        Assert.Equal("POST", hit.Method);
        Assert.Equal("/v3/conversations/conv-1/activities/in-7", hit.RawTarget);
        Assert.Equal("Bearer token-1", hit.Authorization);
        Assert.StartsWith("application/json", hit.ContentType);
        var body = JsonNode.Parse(hit.Body)!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("Welcome back", (string?)body["text"]);
        Assert.Equal("in-7", (string?)body["replyToId"]);
        Assert.Equal("conv-1", (string?)body["conversation"]!["id"]);
        Assert.Equal("activity-1", response.Id);
    }

    [Fact]
    public async Task Send_without_replyToId_posts_to_the_conversation_activities_route()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(null);

        var response = await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url + "/", "conv-2"), CancellationToken.None);

        var hit = Assert.Single(channel.ConnectorRequests);
        Assert.Equal("POST", hit.Method);
        Assert.Equal("/v3/conversations/conv-2/activities", hit.RawTarget);
        Assert.Equal("activity-1", response.Id);
    }

    [Fact]
    public async Task Update_puts_and_delete_deletes_the_activity()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(null);
        var edited = ConnectorHarness.Message(channel.Url, "conv-3", text: "edited");
        edited.Id = "out-5";

        await harness.Client.UpdateAsync(edited, CancellationToken.None);
        await harness.Client.DeleteAsync(channel.Url, "conv-3", "out-5", CancellationToken.None);

        Assert.Collection(channel.ConnectorRequests,
            put =>
            {
                Assert.Equal("PUT", put.Method);
                Assert.Equal("/v3/conversations/conv-3/activities/out-5", put.RawTarget);
                Assert.Equal("edited", (string?)JsonNode.Parse(put.Body)!["text"]);
            },
            delete =>
            {
                Assert.Equal("DELETE", delete.Method);
                Assert.Equal("/v3/conversations/conv-3/activities/out-5", delete.RawTarget);
            });
    }

    [Fact]
    public async Task Create_conversation_sends_bot_members_and_tenant_and_returns_the_new_ids()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        var serviceUrl = channel.Url + "/amer/";
        harness.Trusted.Trust(serviceUrl);

        var created = await harness.Client.CreateConversationAsync(serviceUrl, new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:" + ConnectorHarness.AppId },
            Members = [new ChannelAccount { Id = "29:1abc", AadObjectId = "aad-1" }],
            IsGroup = false,
            TenantId = "tenant-42",
            ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-42" } },
            Activity = Activity.CreateMessage("Time for your check-in"),
        }, CancellationToken.None);

        var hit = Assert.Single(channel.ConnectorRequests);
        Assert.Equal("POST", hit.Method);
        Assert.Equal("/amer/v3/conversations", hit.RawTarget);
        Assert.Equal("Bearer token-1", hit.Authorization);
        var body = JsonNode.Parse(hit.Body)!;
        Assert.Equal("28:" + ConnectorHarness.AppId, (string?)body["bot"]!["id"]);
        Assert.Equal("29:1abc", (string?)body["members"]![0]!["id"]);
        Assert.False((bool)body["isGroup"]!);
        Assert.Equal("tenant-42", (string?)body["tenantId"]);
        Assert.Equal("tenant-42", (string?)body["channelData"]!["tenant"]!["id"]);
        Assert.Equal("Time for your check-in", (string?)body["activity"]!["text"]);
        Assert.Equal("new-conversation-1", created.Id);
        Assert.Equal("activity-1", created.ActivityId);
        Assert.Equal(channel.Url + "/", created.ServiceUrl);
    }

    [Fact]
    public async Task Teams_ids_with_colon_at_and_semicolon_are_percent_encoded_path_segments()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(null);

        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url, "a:1@x;y", replyToId: "1/2?3#4"), CancellationToken.None);

        var hit = Assert.Single(channel.ConnectorRequests);
        Assert.Equal("/v3/conversations/a%3A1%40x%3By/activities/1%2F2%3F3%234", hit.RawTarget);
    }

    [Theory]
    [InlineData("/amer/")]
    [InlineData("/amer")]
    [InlineData("/emea/teams/")]
    public async Task Regional_service_url_path_is_kept_whatever_the_trailing_slash(string regionalPath)
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url + regionalPath);

        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url + regionalPath, "c"), CancellationToken.None);

        Assert.Equal(regionalPath.TrimEnd('/') + "/v3/conversations/c/activities", Assert.Single(channel.ConnectorRequests).RawTarget);
    }

    [Fact]
    public async Task Token_is_requested_once_and_reused_across_sends()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);

        for (var i = 0; i < 3; i++)
            await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);

        Assert.Single(channel.TokenRequests);
        Assert.Equal(3, channel.ConnectorRequests.Count);
        Assert.All(channel.ConnectorRequests, r => Assert.Equal("Bearer token-1", r.Authorization));
    }

    [Fact]
    public async Task Local_mode_sends_no_authorization_header_and_asks_for_no_token()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(null);

        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);

        var hit = Assert.Single(channel.Requests);
        Assert.Null(hit.Authorization);
        Assert.Empty(channel.TokenRequests);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("http://10.0.0.5:3978/")]
    public async Task Local_mode_refuses_non_loopback_service_urls(string serviceUrl)
    {
        await using var harness = ConnectorHarness.Create(null);

        var error = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(serviceUrl), CancellationToken.None));

        Assert.Equal(BotConnectorClient.UntrustedServiceUrl, error.Code);
        Assert.Contains("MicrosoftAppId", error.Message);
    }

    [Fact]
    public async Task Untrusted_service_url_is_refused_and_never_contacted_nor_given_a_token()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var stranger = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);

        var send = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(stranger.Url), CancellationToken.None));
        var create = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.CreateConversationAsync(stranger.Url, new ConversationParameters(), CancellationToken.None));
        var delete = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.DeleteAsync(stranger.Url, "c", "a", CancellationToken.None));

        Assert.All(new[] { send, create, delete }, e => Assert.Equal(BotConnectorClient.UntrustedServiceUrl, e.Code));
        Assert.Empty(stranger.Requests);
        Assert.Empty(channel.Requests);

        // The trusted one still works: the refusal is about the URL, not the client.
        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url + "/"), CancellationToken.None);
        Assert.Single(channel.ConnectorRequests);
        Assert.Empty(stranger.Requests);
    }

    [Fact]
    public async Task Throttled_429_waits_for_retry_after_then_delivers()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        // With an app id: local mode has its own short budget (LocalTotalTimeout), too short for a 3 s Retry-After on a busy machine.
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);
        channel.Respond(new ScriptedResponse(429, """{"error":{"code":"Throttled"}}""", RetryAfter: "1"));

        var response = await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);

        var hits = channel.ConnectorRequests;
        Assert.Equal(2, hits.Count);
        Assert.True(hits[1].At - hits[0].At >= TimeSpan.FromMilliseconds(990), $"retried after {(hits[1].At - hits[0].At).TotalMilliseconds} ms");
        Assert.Equal(hits[0].Body, hits[1].Body);
        Assert.Equal("activity-1", response.Id);
    }

    [Fact]
    public async Task Throttled_429_with_an_http_date_retry_after_is_honoured()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        // The retry pipeline waits on the injected clock: the test moves it instead of waiting for the date.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 18, 0, 0, 400, TimeSpan.Zero));
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint, clock);
        harness.Trusted.Trust(channel.Url);
        // HTTP dates have whole seconds, so the retry must not come before that whole second.
        var notBefore = new DateTimeOffset(2026, 11, 2, 18, 0, 3, TimeSpan.Zero);
        channel.Respond(new ScriptedResponse(429, RetryAfter: notBefore.ToString("R")));

        var send = harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);
        while (!send.IsCompleted && clock.GetUtcNow() < notBefore.AddSeconds(10))
        {
            await Task.Delay(20);
            Assert.True(channel.ConnectorRequests.Count < 2 || clock.GetUtcNow() >= notBefore, "retried before the Retry-After date");
            if (channel.ConnectorRequests.Count == 1) clock.Advance(TimeSpan.FromMilliseconds(250));
        }
        await send;

        Assert.Equal(2, channel.ConnectorRequests.Count);
        Assert.True(clock.GetUtcNow() >= notBefore, "the send finished before the Retry-After date");
    }

    [Fact]
    public async Task Retry_after_longer_than_the_cap_gives_up_at_once()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(null);
        channel.Respond(new ScriptedResponse(429, """{"error":{"code":"Throttled"}}""", RetryAfter: "120"));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(429, error.Status);
        Assert.Equal("Throttled", error.Code);
        Assert.Single(channel.ConnectorRequests);
    }

    [Fact]
    public async Task Service_unavailable_twice_then_success_is_delivered()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);
        channel.Respond(ScriptedResponse.Error(503, "ServiceUnavailable"), ScriptedResponse.Error(503, "ServiceUnavailable"));

        var response = await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url, replyToId: "in-1"), CancellationToken.None);

        Assert.Equal(3, channel.ConnectorRequests.Count);
        Assert.All(channel.ConnectorRequests, r => Assert.Equal("Bearer token-1", r.Authorization));
        Assert.Single(channel.TokenRequests);
        Assert.Equal("activity-1", response.Id);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(412)]
    public async Task Transient_error_forever_gives_up_after_the_bounded_attempts(int status)
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);
        channel.DefaultResponse = ScriptedResponse.Error(status, "Busy");

        var error = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None));

        Assert.Equal(status, error.Status);
        Assert.Equal("Busy", error.Code);
        Assert.False(error.IsBlocked);
        Assert.False(error.IsGone);
        Assert.Equal(1 + 3, channel.ConnectorRequests.Count);
    }

    [Fact]
    public async Task Blocked_403_surfaces_IsBlocked_without_retry()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);
        channel.DefaultResponse = ScriptedResponse.Error(403, "ConversationBlockedByUser");

        var error = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None));

        Assert.True(error.IsBlocked);
        Assert.Equal(403, error.Status);
        Assert.Equal("ConversationBlockedByUser", error.Code);
        Assert.Single(channel.ConnectorRequests);
        Assert.Single(channel.TokenRequests);
    }

    [Fact]
    public async Task Not_found_404_surfaces_IsGone_without_retry()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(null);
        channel.DefaultResponse = ScriptedResponse.Error(404, "ConversationNotFound");

        var error = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None));

        Assert.True(error.IsGone);
        Assert.False(error.IsBlocked);
        Assert.Equal("ConversationNotFound", error.Code);
        Assert.Contains("drop", error.Message);
        Assert.Single(channel.ConnectorRequests);
    }

    [Theory]
    [InlineData(400, "BadArgument")]
    [InlineData(413, "MessageSizeTooBig")]
    [InlineData(500, "InternalServerError")]
    public async Task Final_answers_are_not_retried(int status, string code)
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(null);
        channel.DefaultResponse = ScriptedResponse.Error(status, code);

        var error = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None));

        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Single(channel.ConnectorRequests);
    }

    [Fact]
    public async Task Unauthorized_401_once_fetches_a_new_token_and_retries()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);
        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);
        channel.Respond(ScriptedResponse.Error(401, "Unauthorized"));

        var response = await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);

        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], channel.ConnectorRequests.Select(r => r.Authorization));
        Assert.Equal(2, channel.TokenRequests.Count);
        Assert.Equal("activity-2", response.Id);
    }

    [Fact]
    public async Task Unauthorized_401_twice_says_to_check_the_credentials()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);
        channel.DefaultResponse = ScriptedResponse.Error(401, "Unauthorized");

        var error = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None));

        Assert.Equal(401, error.Status);
        Assert.Contains("MicrosoftAppPassword", error.Message);
        Assert.DoesNotContain(ConnectorHarness.AppPassword, error.Message);
        Assert.Equal(2, channel.ConnectorRequests.Count);
        Assert.Equal(2, channel.TokenRequests.Count);
    }

    [Fact]
    public async Task Channel_that_never_answers_times_out_with_a_channel_error()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        channel.ResponseDelay = TimeSpan.FromSeconds(5);
        await using var harness = ConnectorHarness.Create(null, settings: new Dictionary<string, string?>
        {
            ["BotFramework:Connector:AttemptTimeout"] = "00:00:00.200",
            ["BotFramework:Connector:TotalTimeout"] = "00:00:00.500",
        });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"gave up after {watch.Elapsed}");
        Assert.Equal(504, error.Status);
        Assert.Equal("Timeout", error.Code);
        Assert.Contains("TotalTimeout", error.Message);
        Assert.InRange(channel.ConnectorRequests.Count, 2, 4);
    }

    [Fact]
    public async Task Handles_any_http_or_https_service_url_only()
    {
        await using var harness = ConnectorHarness.Create(null);
        Assert.True(harness.Client.Handles("https://smba.trafficmanager.net/amer/"));
        Assert.True(harness.Client.Handles("http://localhost:3978"));
        Assert.False(harness.Client.Handles("ftp://example.com/"));
        Assert.False(harness.Client.Handles("not a url"));
    }

    [Fact]
    public async Task The_http_connector_is_registered_after_connectors_added_before_it()
    {
        var services = new ServiceCollection();
        var earlier = new RecordingConnector();
        services.AddSingleton<IChannelConnector>(earlier);
        services.AddLogging();
        services.AddBotConnector(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();

        var connectors = provider.GetServices<IChannelConnector>().ToList();

        Assert.Equal(2, connectors.Count);
        Assert.Same(earlier, connectors[0]);
        Assert.IsType<BotConnectorClient>(connectors[1]);
    }

    private sealed class RecordingConnector : IChannelConnector
    {
        public bool Handles(string serviceUrl) => serviceUrl.Contains("/directline", StringComparison.Ordinal);
        public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse());
        public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse());
        public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
