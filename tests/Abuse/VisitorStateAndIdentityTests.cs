using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.DirectLine;
using TrustBot.Schema;
using TrustBot.Tests.DirectLine;

namespace TrustBot.Tests.Abuse;

/// <summary>What anonymous visitors can leave behind, and who they can claim to be.</summary>
public sealed class VisitorStateAndIdentityTests
{
    [Fact]
    public async Task Three_hundred_silent_visitors_leave_no_rows_in_storage()
    {
        using var app = new AbuseApp(new Dictionary<string, string?> { ["RateLimits:TokensPerMinute"] = "1000", ["RateLimits:ConversationStartsPerMinute"] = "1000" });
        var client = app.ClientFrom(null);
        var webChatUsers = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var join = AbuseApp.EmulatorMessage("", $"silent-{i}", $"conv-{i}", a =>
            {
                a["type"] = "conversationUpdate";
                a.Remove("text");
                a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"silent-{i}" });
            });
            using var response = await AbuseApp.PostMessagesAsync(client, join.ToJsonString());
            Assert.Contains("Would you like to begin?", await AbuseApp.ReplyTextsAsync(response));
        }
        for (var i = 0; i < 150; i++)
        {
            var visitor = app.DirectLineFrom(null);
            var token = await visitor.GetUserTokenAsync();
            var (status, _, _, _) = await visitor.StartAsync(token);
            Assert.Equal(HttpStatusCode.Created, status);
            webChatUsers.Add(LocalDirectLineTests.DecodeUser(token));
        }

        var rows = 0;
        for (var i = 0; i < 150; i++) rows += await app.RowsOfAsync(Channels.Emulator, $"silent-{i}");
        foreach (var user in webChatUsers) rows += await app.RowsOfAsync(Channels.Webchat, user);
        Assert.Equal(0, rows);
    }

    [Fact]
    public async Task After_a_stateless_welcome_the_consent_button_still_starts_onboarding_and_only_then_is_anything_stored()
    {
        using var app = new AbuseApp();
        var visitor = app.DirectLineFrom(null);
        var token = await visitor.GetUserTokenAsync();
        var (_, id, convToken, _) = await visitor.StartAsync(token);
        var user = LocalDirectLineTests.DecodeUser(token);
        Assert.Equal(0, await app.RowsOfAsync(Channels.Webchat, user));

        await visitor.SendTextAsync(id, convToken, "Yes");

        var (activities, _) = await visitor.PollAsync(id, convToken);
        Assert.Equal("Thank you. What should I call you?", activities[^1]["text"]!.GetValue<string>());
        Assert.True(await app.RowsOfAsync(Channels.Webchat, user) > 0);
    }

    [Fact]
    public async Task A_name_of_one_letter_and_a_hundred_thousand_combining_marks_is_asked_again_not_stored()
    {
        using var app = new AbuseApp();
        var client = app.ClientFrom(null);
        foreach (var text in new[] { "hello", "Yes" })
            (await AbuseApp.PostMessagesAsync(client, AbuseApp.EmulatorMessage(text, "u-marks").ToJsonString())).Dispose();

        // Sent as raw UTF-8 (2 bytes a mark), as a client would, so the body stays under the 256 KiB limit.
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var response = await AbuseApp.PostMessagesAsync(client, AbuseApp.EmulatorMessage("A" + new string('\u0301', 100_000), "u-marks").ToJsonString(relaxed));
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Any name or nickname from 1 to 50 characters", raw);
        Assert.True(raw.Length < 4096, $"the reply is {raw.Length} characters");
    }

    [Fact]
    public async Task A_client_chosen_user_id_cookie_is_ignored_and_the_visitor_gets_a_signed_id_of_their_own()
    {
        using var app = new AbuseApp();
        var victim = app.ClientFrom(null, cookies: false);
        using var first = await victim.PostAsync("/api/directline/token", null);
        var victimId = LocalDirectLineTests.DecodeUser((await first.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());

        var attacker = app.ClientFrom(null, cookies: false);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        forged.Headers.Add("Cookie", $"{DirectLineTokenEndpoint.UserCookie}={victimId}");
        using var answer = await attacker.SendAsync(forged);
        var attackerId = LocalDirectLineTests.DecodeUser((await answer.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());

        Assert.NotEqual(victimId, attackerId);
        Assert.DoesNotContain(victimId, string.Join(";", answer.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task With_a_direct_line_secret_a_client_chosen_cookie_is_not_passed_on_as_the_user_id()
    {
        await using var service = await DirectLineServiceStandIn.StartAsync();
        using var app = new AbuseApp(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServiceStandIn.Secret,
            ["DirectLine:BaseUrl"] = service.BaseUrl,
        });
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        forged.Headers.Add("Cookie", $"{DirectLineTokenEndpoint.UserCookie}=dl_0123456789abcdef0123456789abcdef");

        using var answer = await app.ClientFrom(null, cookies: false).SendAsync(forged);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var sent = JsonNode.Parse(Assert.Single(service.Requests).Body)!["user"]!["id"]!.GetValue<string>();
        Assert.NotEqual("dl_0123456789abcdef0123456789abcdef", sent);
        Assert.Matches("^dl_[0-9a-f]{32}$", sent);
    }

    [Fact]
    public async Task The_user_id_cookie_lasts_thirty_days_not_a_year()
    {
        using var app = new AbuseApp();

        using var response = await app.ClientFrom(null, cookies: false).PostAsync("/api/directline/token", null);

        Assert.Contains("max-age=2592000", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Behind_a_configured_https_proxy_the_cookie_is_host_prefixed_and_secure_the_stream_is_wss_and_hsts_is_sent()
    {
        using var app = new AbuseApp(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.4",
        }, environment: "Production");
        // HSTS is never sent to localhost, so the site has a public name here.
        var client = app.ClientFrom("10.0.0.4", "http://chat.example.org", cookies: false);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.23");

        using var tokenResponse = await client.PostAsync("/api/directline/token", null);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new("Bearer", token);
        using var started = await client.SendAsync(start);
        var stream = (await started.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!.GetValue<string>();

        var cookie = tokenResponse.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("__Host-trustbot_uid=", cookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("wss://", stream);
        Assert.True(tokenResponse.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unlisted_proxy_are_ignored()
    {
        using var app = new AbuseApp(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.4",
        });
        var client = app.ClientFrom("203.0.113.80", cookies: false);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");

        using var response = await AbuseApp.PostMessagesAsync(client, AbuseApp.EmulatorMessage("hello").ToJsonString());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
