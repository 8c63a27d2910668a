using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Channel;
using TrustBot.Bot.DirectLine;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Tests.Connector;
using TrustBot.Tests.DirectLine;
using TrustBot.Turns;

namespace TrustBot.Tests.Abuse;

/// <summary>
/// /api/messages without an app id (what ./run.sh serves): nobody authenticates, so it must not let a
/// caller act as a web chat visitor, write into their transcript, or point the bot at local services.
/// </summary>
public sealed class LocalModeMessagesTests
{
    /// <summary>A web chat visitor who consented and gave a name, through the local Direct Line.</summary>
    private static async Task<(DirectLineTestClient Client, string ConversationId, string Token, string UserId)> ConsentedVisitorAsync(AbuseApp app)
    {
        var visitor = app.DirectLineFrom("192.0.2.20");
        var (status, id, token, _) = await visitor.StartAsync(await visitor.GetUserTokenAsync());
        Assert.Equal(HttpStatusCode.Created, status);
        await visitor.SendTextAsync(id, token, "Yes");
        await visitor.SendTextAsync(id, token, "Robin");
        return (visitor, id, token, LocalDirectLineTests.DecodeUser(token));
    }

    [Fact]
    public async Task Export_my_data_sent_to_api_messages_as_a_web_chat_visitor_is_refused_and_reveals_nothing()
    {
        using var app = new AbuseApp();
        var (_, _, _, userId) = await ConsentedVisitorAsync(app);
        Assert.True(await app.RowsOfAsync(Channels.Webchat, userId) > 0);

        foreach (var channel in new[] { "webchat", "directline", "WebChat" })
        {
            using var response = await AbuseApp.PostMessagesAsync(app.ClientFrom(null), AbuseApp.EmulatorMessage("export my data", userId, change: a => a["channelId"] = channel).ToJsonString());
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("Robin", body);
            Assert.DoesNotContain("attachments", body);
        }
    }

    [Theory]
    [InlineData("emulator")]
    [InlineData("webchat")]
    public async Task Text_sent_to_api_messages_with_the_local_direct_line_service_url_never_reaches_a_visitors_transcript(string channel)
    {
        using var app = new AbuseApp();
        var (visitor, id, token, userId) = await ConsentedVisitorAsync(app);
        var (before, _) = await visitor.PollAsync(id, token);

        var forged = AbuseApp.EmulatorMessage("menu", userId, id, a =>
        {
            a["channelId"] = channel;
            a["serviceUrl"] = LocalDirectLineConnector.ServiceUrl;
            a.Remove("deliveryMode");
        });
        using var response = await AbuseApp.PostMessagesAsync(app.ClientFrom(null), forged.ToJsonString());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var (after, _) = await visitor.PollAsync(id, token);
        Assert.Equal(before.Count, after.Count);
    }

    [Fact]
    public async Task A_turn_from_elsewhere_cannot_answer_into_a_local_direct_line_conversation_even_past_the_edge()
    {
        using var app = new AbuseApp();
        var (visitor, id, token, userId) = await ConsentedVisitorAsync(app);
        var (before, _) = await visitor.PollAsync(id, token);
        var adapter = app.Services.GetRequiredService<BotHttpAdapter>();
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = Channels.Emulator,
            ServiceUrl = LocalDirectLineConnector.ServiceUrl,
            From = new ChannelAccount { Id = "someone" },
            Recipient = new ChannelAccount { Id = "bot" },
            Conversation = new ConversationAccount { Id = id },
            Text = "hello",
        };

        await adapter.ProcessActivityAsync(activity, AuthenticationResult.Anonymous, (turn, ct) => turn.SendActivityAsync("injected", ct), CancellationToken.None);

        var (after, _) = await visitor.PollAsync(id, token);
        Assert.Equal(before.Count, after.Count);
        Assert.DoesNotContain(after, a => a["text"]?.GetValue<string>() == "injected");
    }

    [Theory]
    [InlineData("203.0.113.5", HttpStatusCode.Forbidden)]
    [InlineData("10.1.2.3", HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("::1", HttpStatusCode.OK)]
    [InlineData("::ffff:127.0.0.1", HttpStatusCode.OK)]
    public async Task Anonymous_api_messages_answers_only_clients_on_this_machine(string address, HttpStatusCode expected)
    {
        using var app = new AbuseApp();

        using var response = await AbuseApp.PostMessagesAsync(app.ClientFrom(address), AbuseApp.EmulatorMessage("hello").ToJsonString());

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.1:{port}")]
    [InlineData("http://2130706433:{port}")]
    [InlineData("http://0x7f.0.0.1:{port}")]
    [InlineData("http://0177.0.0.1:{port}")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}")]
    [InlineData("http://localhost.:{port}")]
    [InlineData("http://127.0.0.1:{port}/admin/")]
    [InlineData("http://127.0.0.1:{port}/%2e%2e/")]
    [InlineData("http://me@127.0.0.1:{port}")]
    [InlineData("http://127.0.0.1:{port}?x=1")]
    public async Task A_disguised_or_pathed_loopback_service_url_is_refused_and_never_called(string template)
    {
        await using var local = await FakeChannelServer.StartAsync();
        using var response = await PostHelloWithServiceUrlAsync(local, template);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(local.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}")]
    [InlineData("http://localhost:{port}/")]
    public async Task The_emulators_plain_loopback_service_url_still_gets_the_replies(string template)
    {
        await using var local = await FakeChannelServer.StartAsync();
        using var response = await PostHelloWithServiceUrlAsync(local, template);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(local.Requests, r => Assert.Matches("^/v3/conversations/emu-conv-1/activities(/[0-9a-f]+)?$", r.Path));
        Assert.NotEmpty(local.Requests);
    }

    /// <summary>An emulator "hello" without an app id whose service URL is <paramref name="template"/> aimed at <paramref name="local"/>'s port.</summary>
    private static async Task<HttpResponseMessage> PostHelloWithServiceUrlAsync(FakeChannelServer local, string template)
    {
        var port = new Uri(local.Url).Port.ToString();
        using var app = new AbuseApp();
        var message = AbuseApp.EmulatorMessage("hello", change: a =>
        {
            a["serviceUrl"] = template.Replace("{port}", port);
            a.Remove("deliveryMode");
        });
        return await AbuseApp.PostMessagesAsync(app.ClientFrom(null), message.ToJsonString());
    }

    [Fact]
    public async Task A_silent_local_service_url_holds_the_request_for_seconds_not_minutes_and_gets_no_apology_retry()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var acceptor = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Add(await silent.AcceptTcpClientAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var app = new AbuseApp();
        var client = app.ClientFrom(null);
        client.Timeout = TimeSpan.FromSeconds(30);
        var message = AbuseApp.EmulatorMessage("hello", change: a =>
        {
            a["serviceUrl"] = $"http://127.0.0.1:{port}";
            a.Remove("deliveryMode");
        });

        var timer = Stopwatch.StartNew();
        using var response = await AbuseApp.PostMessagesAsync(client, message.ToJsonString());
        timer.Stop();
        await stop.CancelAsync();
        await acceptor;

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(12), $"the request was held for {timer.Elapsed.TotalSeconds:F1} s");
        Assert.InRange(accepted.Count, 1, 2); // one attempt and at most one retry, then nothing more (no apology to the same URL)
        foreach (var c in accepted) c.Dispose();
    }

    [Fact]
    public async Task An_unverified_service_url_is_never_stored_for_later_reminders()
    {
        using var app = new AbuseApp();
        var client = app.ClientFrom(null);
        foreach (var text in new[] { "hello", "Yes", "Robin" })
        {
            using var response = await AbuseApp.PostMessagesAsync(client, AbuseApp.EmulatorMessage(text, "u-ssrf", change: a => a["serviceUrl"] = "http://localhost:6379").ToJsonString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var partition = "emulator/users/u-ssrf";
        var stored = await app.Storage.ReadAsync([new StorageKey(partition, RecordKinds.Reference), new StorageKey(partition, "user")], CancellationToken.None);
        Assert.True(stored.ContainsKey(new StorageKey(partition, "user")), "the person consented, so their profile is stored");
        Assert.False(stored.ContainsKey(new StorageKey(partition, RecordKinds.Reference)));
    }

    [Theory]
    [InlineData("..", "in-1")]
    [InlineData(".", "in-1")]
    [InlineData("conv-1", "..")]
    [InlineData("conv-1", ".")]
    public async Task Dot_segments_as_ids_never_change_the_outbound_url_path(string conversationId, string activityId)
    {
        await using var local = await FakeChannelServer.StartAsync();
        using var app = new AbuseApp();
        var message = AbuseApp.EmulatorMessage("hello", "u-dots", conversationId, a =>
        {
            a["serviceUrl"] = local.Url;
            a["id"] = activityId;
            a.Remove("deliveryMode");
        });

        using var response = await AbuseApp.PostMessagesAsync(app.ClientFrom(null), message.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(local.Requests, r => Assert.Matches("^/v3/conversations/[^/]+/activities(/[^/]+)?$", r.Path));
        Assert.DoesNotContain(local.Requests, r => r.Path.Split('/').Any(segment => segment is "." or ".." or "%2e" or "%2e%2e"));
        Assert.DoesNotContain(local.Requests, r => !r.RawTarget.StartsWith($"/v3/conversations/{Uri.EscapeDataString(conversationId)}/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/html")]
    public async Task A_body_that_is_not_declared_json_is_415_so_a_cross_site_form_cannot_reach_the_bot(string contentType)
    {
        using var app = new AbuseApp();

        using var response = await AbuseApp.PostMessagesAsync(app.ClientFrom(null), AbuseApp.EmulatorMessage("hello").ToJsonString(), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }
}
