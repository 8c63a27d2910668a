using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Bot.Channel;
using TrustBot.Bot.DirectLine;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Tests.DirectLine;

/// <summary>Answers "echo: text" and greets on conversationUpdate, so protocol tests don't depend on the bot's wording.</summary>
internal sealed class EchoBot : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var a = turnContext.Activity;
        if (a.Type == ActivityTypes.ConversationUpdate && a.MembersAdded?.Any(m => m.Id != a.Recipient?.Id) == true)
            await turnContext.SendActivityAsync("welcome", cancellationToken);
        else if (a.Type == ActivityTypes.Message && a.Text == "fail")
            throw new StorageUnavailableException("storage is down");
        else if (a.Type == ActivityTypes.Message)
            await turnContext.SendActivityAsync($"echo: {a.Text}", cancellationToken);
    }
}

public sealed class LocalDirectLineTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly DirectLineApp _app;
    private readonly DirectLineTestClient _client;

    public LocalDirectLineTests()
    {
        _app = NewApp();
        _client = new DirectLineTestClient(_app.CreateClient());
    }

    public void Dispose() => _app.Dispose();

    private DirectLineApp NewApp(Dictionary<string, string?>? settings = null) => new(settings, s =>
    {
        s.AddSingleton<TimeProvider>(_clock);
        s.AddSingleton<IBot, EchoBot>();
    });

    private async Task<(string ConversationId, string Token)> StartAsync(DirectLineTestClient? client = null)
    {
        client ??= _client;
        var (status, id, token, _) = await client.StartAsync(await client.GetUserTokenAsync());
        Assert.Equal(HttpStatusCode.Created, status);
        return (id, token);
    }

    [Fact]
    public async Task Starting_a_conversation_answers_201_and_the_welcome_arrives_by_polling()
    {
        var (status, id, token, body) = await _client.StartAsync(await _client.GetUserTokenAsync());

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1800, body["expires_in"]!.GetValue<int>());
        Assert.StartsWith("ws://", body["streamUrl"]!.GetValue<string>());
        Assert.True(id.Length >= 22, "conversation ids carry at least 128 random bits");
        var (activities, watermark) = await _client.PollAsync(id, token);
        var welcome = Assert.Single(activities);
        Assert.Equal("welcome", welcome["text"]!.GetValue<string>());
        Assert.Equal("bot", welcome["from"]!["role"]!.GetValue<string>());
        Assert.Equal("webchat", welcome["channelId"]!.GetValue<string>());
        Assert.Equal("1", watermark);
    }

    [Fact]
    public async Task A_second_start_with_the_same_users_token_reconnects_to_the_same_conversation_with_200()
    {
        var (firstId, _) = await StartAsync();

        var (status, secondId, token, _) = await _client.StartAsync(await _client.GetUserTokenAsync());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(firstId, secondId);
        var (activities, _) = await _client.PollAsync(secondId, token);
        Assert.Single(activities); // the history is kept and no second welcome was sent
    }

    [Fact]
    public async Task The_users_own_activity_is_echoed_with_its_id_clientActivityID_and_the_tokens_user_id()
    {
        var userToken = await _client.GetUserTokenAsync();
        var userId = DecodeUser(userToken);
        var (_, id, token, _) = await _client.StartAsync(userToken);
        var (_, watermark) = await _client.PollAsync(id, token);

        var postedId = await _client.SendTextAsync(id, token, "hello", clientActivityId: "client-42");

        var (activities, _) = await _client.PollAsync(id, token, watermark);
        Assert.Equal(2, activities.Count);
        var echo = activities[0];
        Assert.Equal(postedId, echo["id"]!.GetValue<string>());
        Assert.Equal("client-42", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal(userId, echo["from"]!["id"]!.GetValue<string>());
        Assert.NotEqual("chosen-by-the-browser", echo["from"]!["id"]!.GetValue<string>());
        Assert.Equal("echo: hello", activities[1]["text"]!.GetValue<string>());
        Assert.Equal(postedId, activities[1]["replyToId"]!.GetValue<string>());
        Assert.Equal(userId, activities[1]["recipient"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Polling_with_the_watermark_returns_only_newer_activities()
    {
        var (id, token) = await StartAsync();
        var (_, w1) = await _client.PollAsync(id, token);
        await _client.SendTextAsync(id, token, "one");
        var (batch, w2) = await _client.PollAsync(id, token, w1);
        var (empty, w3) = await _client.PollAsync(id, token, w2);

        Assert.Equal(["one", "echo: one"], batch.Select(a => a["text"]!.GetValue<string>()));
        Assert.Empty(empty);
        Assert.Equal(w2, w3);
    }

    [Fact]
    public async Task A_token_for_one_conversation_reading_another_is_rejected_with_403()
    {
        var (mine, myToken) = await StartAsync();
        var other = new DirectLineTestClient(_app.CreateClient());
        var (theirs, theirToken) = await StartAsync(other);

        using var read = await _client.GetRawAsync($"/v3/directline/conversations/{theirs}/activities", myToken);
        using var post = await _client.PostAsync(theirs, myToken, new { type = "message", text = "hi" });
        // A token that only names the user may still not open someone else's conversation.
        using var userOnly = await _client.GetRawAsync($"/v3/directline/conversations/{theirs}/activities", await _client.GetUserTokenAsync());

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, userOnly.StatusCode);
        var (theirActivities, _) = await other.PollAsync(theirs, theirToken);
        Assert.Single(theirActivities);
        Assert.NotEqual(mine, theirs);
    }

    [Fact]
    public async Task An_unknown_conversation_answers_404()
    {
        var userToken = await _client.GetUserTokenAsync();

        using var response = await _client.GetRawAsync("/v3/directline/conversations/no-such-conversation/activities", userToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_token_is_401_and_a_forged_token_is_403()
    {
        var (id, token) = await StartAsync();
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";

        using var missing = await _client.GetRawAsync($"/v3/directline/conversations/{id}/activities", null);
        using var bad = await _client.GetRawAsync($"/v3/directline/conversations/{id}/activities", forged);
        // Only the WebSocket stream URL may carry its token in the query string.
        using var inQuery = await _client.GetRawAsync($"/v3/directline/conversations/{id}/activities?t={Uri.EscapeDataString(token)}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_rejected_with_403_and_cannot_be_refreshed()
    {
        var (id, token) = await StartAsync();

        _clock.Advance(TimeSpan.FromSeconds(1801));

        using var read = await _client.GetRawAsync($"/v3/directline/conversations/{id}/activities", token);
        using var refresh = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/refresh");
        refresh.Headers.Authorization = new("Bearer", token);
        using var refreshed = await _client.Http.SendAsync(refresh);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refreshed.StatusCode);
    }

    [Fact]
    public async Task Refreshing_a_live_token_gives_a_new_token_for_the_same_conversation()
    {
        var (id, token) = await StartAsync();
        _clock.Advance(TimeSpan.FromMinutes(15));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/refresh");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _client.Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var fresh = body!["token"]!.GetValue<string>();
        _clock.Advance(TimeSpan.FromMinutes(20)); // past the old token's expiry, within the new one's

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, body["conversationId"]!.GetValue<string>());
        Assert.NotEqual(token, fresh);
        var (activities, _) = await _client.PollAsync(id, fresh);
        Assert.Single(activities);
    }

    [Fact]
    public async Task Twenty_concurrent_posts_are_each_delivered_exactly_once_and_in_order_by_watermark_polling()
    {
        var (id, token) = await StartAsync();
        var seen = new List<JsonObject>();
        string? watermark = null;
        using var done = new CancellationTokenSource();

        var poller = Task.Run(async () =>
        {
            while (true)
            {
                var (batch, next) = await _client.PollAsync(id, token, watermark);
                seen.AddRange(batch);
                watermark = next;
                if (done.IsCancellationRequested && batch.Count == 0) return;
                await Task.Delay(5);
            }
        });
        var posts = Enumerable.Range(0, 20).Select(i => _client.SendTextAsync(id, token, $"m{i}", $"c{i}")).ToList();
        var ids = await Task.WhenAll(posts);
        await done.CancelAsync();
        await poller;

        Assert.Equal(41, seen.Count); // welcome + 20 echoes + 20 replies
        var seenIds = seen.Select(a => a["id"]!.GetValue<string>()).ToList();
        Assert.Equal(seenIds.Count, seenIds.Distinct().Count());
        Assert.Equal(seenIds.Order(StringComparer.Ordinal), seenIds);
        Assert.All(ids, posted => Assert.Contains(posted, seenIds));
        for (var i = 0; i < 20; i++)
        {
            var echo = seen.Single(a => a["channelData"]?["clientActivityID"]?.GetValue<string>() == $"c{i}");
            var reply = seen.Single(a => a["text"]!.GetValue<string>() == $"echo: m{i}");
            // Turns run one at a time per conversation, so each reply directly follows its message.
            Assert.Equal(seen.IndexOf(echo) + 1, seen.IndexOf(reply));
        }
    }

    [Fact]
    public async Task A_failed_turn_answers_502()
    {
        var (id, token) = await StartAsync();

        using var response = await _client.PostAsync(id, token, new { type = "message", text = "fail" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_activities_are_rejected_with_400()
    {
        var (id, token) = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities")
        {
            Content = new StringContent("{not json", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);

        using var notJson = await _client.Http.SendAsync(request);
        using var noType = await _client.PostAsync(id, token, new { text = "hi" });
        using var badWatermark = await _client.GetRawAsync($"/v3/directline/conversations/{id}/activities?watermark=abc", token);

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badWatermark.StatusCode);
    }

    [Fact]
    public async Task An_idle_conversation_is_forgotten_and_answers_404()
    {
        var (id, _) = await StartAsync();
        _clock.Advance(TimeSpan.FromHours(24));

        var userToken = await _client.GetUserTokenAsync();
        using var response = await _client.GetRawAsync($"/v3/directline/conversations/{id}/activities", userToken);
        var (status, newId, _, _) = await _client.StartAsync(userToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotEqual(id, newId);
    }

    [Fact]
    public async Task A_full_store_refuses_a_new_conversation_with_503_and_retry_after_and_every_live_one_keeps_its_history()
    {
        using var app = NewApp(new() { ["DirectLine:LocalLimits:MaxConversations"] = "2" });
        var clients = Enumerable.Range(0, 3).Select(_ => new DirectLineTestClient(app.CreateClient())).ToList();
        var (first, firstToken) = await StartAsync(clients[0]);
        await clients[0].SendTextAsync(first, firstToken, "I'm here");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var (second, secondToken) = await StartAsync(clients[1]);
        await clients[1].SendTextAsync(second, secondToken, "me too");
        _clock.Advance(TimeSpan.FromMinutes(15)); // past the ten minutes after which a silent conversation may go

        var (status, _, _, _) = await clients[2].TryStartAsync(await clients[2].GetUserTokenAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.Status);
        Assert.Equal(TimeSpan.FromSeconds(60), status.RetryAfter);
        Assert.Equal(3, (await clients[0].PollAsync(first, firstToken)).Activities.Count);
        Assert.Equal(3, (await clients[1].PollAsync(second, secondToken)).Activities.Count);
    }

    [Fact]
    public async Task A_full_store_makes_room_from_conversations_where_nobody_said_anything_for_ten_minutes()
    {
        using var app = NewApp(new() { ["DirectLine:LocalLimits:MaxConversations"] = "2" });
        var clients = Enumerable.Range(0, 3).Select(_ => new DirectLineTestClient(app.CreateClient())).ToList();
        var (spoken, spokenToken) = await StartAsync(clients[0]);
        await clients[0].SendTextAsync(spoken, spokenToken, "hello");
        var (silent, silentToken) = await StartAsync(clients[1]);
        _clock.Advance(TimeSpan.FromMinutes(10));

        await StartAsync(clients[2]);

        using var gone = await clients[1].GetRawAsync($"/v3/directline/conversations/{silent}/activities", silentToken);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(3, (await clients[0].PollAsync(spoken, spokenToken)).Activities.Count);
    }

    [Fact]
    public async Task A_conversations_history_is_capped_at_the_newest_activities()
    {
        using var app = NewApp(new() { ["DirectLine:LocalLimits:MaxActivitiesPerConversation"] = "10" });
        var client = new DirectLineTestClient(app.CreateClient());
        var (id, token) = await StartAsync(client);
        for (var i = 0; i < 10; i++) await client.SendTextAsync(id, token, $"m{i}");

        var (activities, watermark) = await client.PollAsync(id, token);

        Assert.Equal(10, activities.Count);
        Assert.Equal("echo: m9", activities[^1]["text"]!.GetValue<string>());
        Assert.Equal("21", watermark);
    }

    [Fact]
    public async Task A_proactive_message_through_the_connector_reaches_the_conversation_and_an_ended_one_is_404()
    {
        var (id, token) = await StartAsync();
        var (_, watermark) = await _client.PollAsync(id, token);
        var reference = new ConversationReference
        {
            ChannelId = Channels.Webchat,
            ServiceUrl = LocalDirectLineConnector.ServiceUrl,
            Conversation = new ConversationAccount { Id = id },
            User = new ChannelAccount { Id = DecodeUser(token), Role = RoleTypes.User },
            Bot = new ChannelAccount { Id = "trustbot", Role = RoleTypes.Bot },
        };
        var adapter = _app.Services.GetRequiredService<BotHttpAdapter>();

        await adapter.ContinueConversationAsync(reference, (turn, ct) => turn.SendActivityAsync("time to check in", ct), CancellationToken.None);

        var (later, _) = await _client.PollAsync(id, token, watermark);
        var proactive = Assert.Single(later);
        Assert.Equal("time to check in", proactive["text"]!.GetValue<string>());
        Assert.Equal(DecodeUser(token), proactive["recipient"]!["id"]!.GetValue<string>());

        var connector = _app.Services.GetServices<IChannelConnector>().OfType<LocalDirectLineConnector>().Single();
        var ended = reference.ApplyTo(Activity.CreateMessage("hello?"));
        ended.Conversation = new ConversationAccount { Id = "ended-conversation" };
        var gone = await Assert.ThrowsAsync<ChannelSendException>(() => connector.SendAsync(ended, CancellationToken.None));
        Assert.True(gone.IsGone);
    }

    [Fact]
    public async Task The_stream_url_delivers_activity_sets_over_a_websocket()
    {
        var (status, id, token, body) = await _client.StartAsync(await _client.GetUserTokenAsync());
        Assert.Equal(HttpStatusCode.Created, status);
        var streamUrl = new Uri(body["streamUrl"]!.GetValue<string>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var socket = await _app.Server.CreateWebSocketClient().ConnectAsync(streamUrl, timeout.Token);
        var first = await ReceiveAsync(socket, timeout.Token);
        await _client.SendTextAsync(id, token, "over the socket");
        var texts = new List<string>();
        while (texts.Count < 2)
            texts.AddRange((await ReceiveAsync(socket, timeout.Token))["activities"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);

        Assert.Equal("welcome", first["activities"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("1", first["watermark"]!.GetValue<string>());
        Assert.Equal(["over the socket", "echo: over the socket"], texts);
    }

    [Fact]
    public async Task Reconnecting_with_a_watermark_streams_only_what_the_client_has_not_seen()
    {
        var (id, token) = await StartAsync();
        await _client.SendTextAsync(id, token, "before");
        var (_, watermark) = await _client.PollAsync(id, token);

        using var reconnect = await _client.GetRawAsync($"/v3/directline/conversations/{id}?watermark={watermark}", token);
        var body = await reconnect.Content.ReadFromJsonAsync<JsonObject>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var socket = await _app.Server.CreateWebSocketClient().ConnectAsync(new Uri(body!["streamUrl"]!.GetValue<string>()), timeout.Token);
        await _client.SendTextAsync(id, token, "after");
        var texts = new List<string>();
        while (texts.Count < 2)
            texts.AddRange((await ReceiveAsync(socket, timeout.Token))["activities"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        Assert.Equal(id, body["conversationId"]!.GetValue<string>());
        Assert.Equal(["after", "echo: after"], texts);
    }

    private static async Task<JsonObject> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (message.Length > 0) return JsonNode.Parse(message.ToArray())!.AsObject();
        }
    }

    internal static string DecodeUser(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonNode.Parse(Convert.FromBase64String(payload))!["user"]!.GetValue<string>();
    }
}
