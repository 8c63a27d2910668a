using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.DirectLine;
using TrustBot.Tests.DirectLine;
using Xunit.Abstractions;

namespace TrustBot.Tests.Abuse;

/// <summary>Floods of the local Direct Line as an outsider would send them: memory stays bounded and nobody else's chat ends.</summary>
public sealed class DirectLineFloodTests(ITestOutputHelper output)
{
    internal const string Attacker = "203.0.113.66";

    internal static async Task<(string Id, string Token)> StartAsync(DirectLineTestClient client)
    {
        var (status, id, token, _) = await client.StartAsync(await client.GetUserTokenAsync());
        Assert.Equal(HttpStatusCode.Created, status);
        return (id, token);
    }

    [Fact]
    public async Task Messages_just_under_the_activity_limit_keep_a_conversation_within_its_byte_budget_and_reads_come_in_bounded_pages()
    {
        using var app = new AbuseApp(new Dictionary<string, string?>
        {
            ["DirectLine:LocalLimits:MaxConversationBytes"] = "131072",
            ["DirectLine:LocalLimits:PageBytes"] = "32768",
            ["RateLimits:PostsPerMinute"] = "1000",
        });
        var client = app.DirectLineFrom(Attacker);
        var (id, token) = await StartAsync(client);
        var text = new string('y', 15 * 1024);

        for (var i = 0; i < 40; i++)
        {
            using var response = await client.PostAsync(id, token, new { type = "message", text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var conversation = app.Services.GetRequiredService<LocalConversationStore>().Find(id)!;
        Assert.True(conversation.Bytes <= 131072, $"the conversation keeps {conversation.Bytes} bytes");
        // Reading the whole history from the start takes several pages, each within the page budget (one activity may exceed it alone).
        string? watermark = "0";
        var pages = 0;
        while (true)
        {
            using var read = await client.GetRawAsync($"/v3/directline/conversations/{id}/activities?watermark={watermark}", token);
            var bytes = await read.Content.ReadAsByteArrayAsync();
            var body = JsonNode.Parse(bytes)!;
            Assert.True(bytes.Length <= 32768 + 16 * 1024, $"a page of {bytes.Length} bytes");
            var next = body["watermark"]!.GetValue<string>();
            if (body["activities"]!.AsArray().Count == 0) break;
            pages++;
            watermark = next;
        }
        Assert.True(pages >= 3, $"{pages} pages");
        Assert.Equal(conversation.Watermark.ToString(), watermark);
    }

    [Fact]
    public async Task All_conversations_together_stay_near_the_total_byte_budget()
    {
        using var app = new AbuseApp(new Dictionary<string, string?>
        {
            ["DirectLine:LocalLimits:MaxConversations"] = "10",
            ["DirectLine:LocalLimits:MaxTotalBytes"] = "1048576",
            ["DirectLine:LocalLimits:MaxConversationBytes"] = "524288",
        });
        var text = new string('z', 15 * 1024);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async n =>
        {
            var client = app.DirectLineFrom($"198.51.100.{n + 1}");
            var (id, token) = await StartAsync(client);
            for (var i = 0; i < 30; i++)
            {
                using var response = await client.PostAsync(id, token, new { type = "message", text });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));

        var total = app.Services.GetRequiredService<LocalConversationStore>().TotalBytes;
        output.WriteLine($"10 conversations × 30 messages of 15 KB: the store holds {total} bytes (budget 1048576)");
        Assert.True(total <= 1048576 + 10 * 16 * 1024, $"the store holds {total} bytes");
    }

    [Fact]
    public async Task A_thousand_token_and_conversation_pairs_from_one_address_are_rate_limited_and_the_victims_chat_survives()
    {
        using var app = new AbuseApp();
        var victim = app.DirectLineFrom("192.0.2.10");
        var (victimId, victimToken) = await StartAsync(victim);
        await victim.SendTextAsync(victimId, victimToken, "hello");

        var attacker = app.ClientFrom(Attacker, cookies: false);
        var refused = 0;
        for (var i = 0; i < 1000; i++)
        {
            using var tokenResponse = await attacker.PostAsync("/api/directline/token", null);
            if (tokenResponse.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(tokenResponse.Headers.RetryAfter);
                refused++;
                continue;
            }
            var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
            start.Headers.Authorization = new("Bearer", token);
            using var started = await attacker.SendAsync(start);
            Assert.Contains(started.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.TooManyRequests });
        }

        var (history, _) = await victim.PollAsync(victimId, victimToken);
        Assert.True(refused >= 950, $"{refused} of 1000 token requests refused");
        Assert.Contains(history, a => a["text"]?.GetValue<string>() == "hello");
        Assert.True(app.Services.GetRequiredService<LocalConversationStore>().Count <= 21);
    }

    [Fact]
    public async Task A_thousand_visitors_at_once_fill_the_store_but_no_live_conversation_is_lost()
    {
        using var app = new AbuseApp(new Dictionary<string, string?> { ["DirectLine:LocalLimits:MaxConversations"] = "500" });
        var victim = app.DirectLineFrom("192.0.2.10");
        var (victimId, victimToken) = await StartAsync(victim);
        await victim.SendTextAsync(victimId, victimToken, "hello");

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async n =>
        {
            var visitor = app.DirectLineFrom($"10.{n / 250}.{n % 250}.7");
            var (status, id, token, _) = await visitor.TryStartAsync(await visitor.GetUserTokenAsync());
            return (status.Status, status.RetryAfter, Visitor: visitor, Id: id, Token: token);
        }));

        var started = results.Where(r => r.Status == HttpStatusCode.Created).ToList();
        var refused = results.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToList();
        output.WriteLine($"1,000 visitors: {started.Count} started, {refused.Count} told to retry (503)");
        Assert.Equal(1000, started.Count + refused.Count);
        Assert.Equal(499, started.Count);
        Assert.All(refused, r => Assert.NotNull(r.RetryAfter));
        // Every conversation that was opened is still there, the first visitor's included.
        foreach (var (_, _, visitor, id, token) in started)
        {
            var (activities, _) = await visitor.PollAsync(id!, token!);
            Assert.NotEmpty(activities);
        }
        Assert.Contains((await victim.PollAsync(victimId, victimToken)).Activities, a => a["text"]?.GetValue<string>() == "hello");
    }

    [Fact]
    public async Task Streams_are_capped_per_conversation_and_per_client_address()
    {
        using var app = new AbuseApp(new Dictionary<string, string?>
        {
            ["DirectLine:LocalLimits:MaxStreamsPerConversation"] = "2",
            ["RateLimits:StreamsPerClient"] = "3",
        });
        var client = app.DirectLineFrom(Attacker);
        var (_, _, _, body) = await client.StartAsync(await client.GetUserTokenAsync());
        var streamUrl = new Uri(body["streamUrl"]!.GetValue<string>());
        var other = app.DirectLineFrom(Attacker);
        var (_, _, _, otherBody) = await other.StartAsync(await other.GetUserTokenAsync());
        var otherUrl = new Uri(otherBody["streamUrl"]!.GetValue<string>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var sockets = new List<WebSocket>();
        WebSocketClient SocketClient() => app.Server.CreateWebSocketClient().Also(c => c.ConfigureRequest = r => r.Headers[AbuseApp.ClientHeader] = Attacker);

        sockets.Add(await SocketClient().ConnectAsync(streamUrl, timeout.Token));
        sockets.Add(await SocketClient().ConnectAsync(streamUrl, timeout.Token));
        var thirdOnSameConversation = await Record.ExceptionAsync(() => SocketClient().ConnectAsync(streamUrl, timeout.Token));
        sockets.Add(await ConnectWhenTheRejectedAttemptHasLetGo(otherUrl));
        var fourthFromSameAddress = await Record.ExceptionAsync(() => SocketClient().ConnectAsync(otherUrl, timeout.Token));

        Assert.Contains("429", thirdOnSameConversation?.Message);
        Assert.Contains("429", fourthFromSameAddress?.Message);
        foreach (var socket in sockets) await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);

        // The client sees the rejected attempt's 429 before the server has finished that request and returned its
        // slot of the per-address limit; the slot comes back within moments, and only then may the third stream count.
        async Task<WebSocket> ConnectWhenTheRejectedAttemptHasLetGo(Uri url)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await SocketClient().ConnectAsync(url, timeout.Token);
                }
                catch (InvalidOperationException e) when (e.Message.Contains("429", StringComparison.Ordinal) && attempt < 50)
                {
                    await Task.Delay(20, timeout.Token);
                }
            }
        }
    }
}

/// <summary>
/// A flood's effect on the whole process's managed heap. The heap is shared by every test running at the same time, so
/// this one runs alone: another test's allocations must not pass for the bot's (it once read 17 MB under a loaded run).
/// </summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class DirectLineFloodMemoryTests(ITestOutputHelper output)
{
    private const string Attacker = DirectLineFloodTests.Attacker;

    [Fact]
    public async Task Three_hundred_250_KB_events_into_one_conversation_are_refused_and_the_bots_memory_grows_by_less_than_16_MB()
    {
        using var app = new AbuseApp();
        var client = app.DirectLineFrom(Attacker);
        var (id, token) = await DirectLineFloodTests.StartAsync(client);
        var payload = new string('x', 250 * 1024);
        var before = Settled();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            using var response = await client.PostAsync(id, token, new { type = "event", name = "flood", value = payload });
            statuses.Add(response.StatusCode);
        }
        var readers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var read = await client.GetRawAsync($"/v3/directline/conversations/{id}/activities?watermark=0", token);
            return (await read.Content.ReadAsByteArrayAsync()).Length;
        }));
        var after = Settled();

        var store = app.Services.GetRequiredService<LocalConversationStore>();
        output.WriteLine($"managed heap before {before / 1024 / 1024.0:F1} MB, after {after / 1024 / 1024.0:F1} MB, growth {(after - before) / 1024 / 1024.0:F2} MB; store holds {store.TotalBytes} bytes; reads {string.Join(", ", readers)} bytes");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.TooManyRequests }));
        Assert.True(after - before < 16 * 1024 * 1024, $"memory grew by {(after - before) / 1024 / 1024} MB");
        Assert.True(store.TotalBytes < 64 * 1024, $"the store holds {store.TotalBytes} bytes");
        Assert.All(readers, bytes => Assert.True(bytes < 64 * 1024));
    }


    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>Tests that measure the process's memory, run when no other test is running.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "process memory";
}

internal static class ObjectExtensions
{
    public static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
