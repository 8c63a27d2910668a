using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.DirectLine;
using TrustBot.Turns;

namespace TrustBot.Tests.DirectLine;

public sealed class DirectLineTokenEndpointTests
{
    private static HttpClient ClientWithoutCookies(DirectLineApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri("http://localhost") });

    [Fact]
    public async Task The_token_endpoint_sets_an_http_only_strict_cookie_and_binds_the_token_to_that_user_id()
    {
        using var app = new DirectLineApp();
        using var client = ClientWithoutCookies(app);

        using var response = await client.PostAsync("/api/directline/token", null);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        // Signed and encrypted: the browser holds an opaque value, not the id itself.
        Assert.Matches("^trustbot_uid=[A-Za-z0-9_-]{60,};", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http here; https sets Secure
        var userId = app.Services.GetRequiredService<WebChatUserCookie>().UserIdFrom(cookie["trustbot_uid=".Length..cookie.IndexOf(';')]);
        Assert.Matches("^dl_[0-9a-f]{32}$", userId);
        Assert.Equal(userId, LocalDirectLineTests.DecodeUser(body!["token"]!.GetValue<string>()));
        Assert.Equal("http://localhost/v3/directline", body["domain"]!.GetValue<string>());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_returning_visitors_cookie_keeps_the_same_user_id_and_a_tampered_one_is_replaced()
    {
        using var app = new DirectLineApp();
        using var client = ClientWithoutCookies(app);
        using var first = await client.PostAsync("/api/directline/token", null);
        var cookie = first.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var userId = LocalDirectLineTests.DecodeUser((await first.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());

        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        again.Headers.Add("Cookie", cookie);
        using var second = await client.SendAsync(again);
        using var tampered = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        tampered.Headers.Add("Cookie", "trustbot_uid=someone-else");
        using var third = await client.SendAsync(tampered);

        var secondBody = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Equal(userId, LocalDirectLineTests.DecodeUser(secondBody!["token"]!.GetValue<string>()));
        var thirdBody = await third.Content.ReadFromJsonAsync<JsonObject>();
        var replacedUser = LocalDirectLineTests.DecodeUser(thirdBody!["token"]!.GetValue<string>());
        Assert.NotEqual("someone-else", replacedUser);
        Assert.Matches("^dl_[0-9a-f]{32}$", replacedUser);
    }

    [Fact]
    public async Task Over_https_the_cookie_is_secure_and_the_local_domain_is_https()
    {
        using var app = new DirectLineApp();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri("https://localhost") });

        using var response = await client.PostAsync("/api/directline/token", null);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("__Host-trustbot_uid=", cookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("https://localhost/v3/directline", body!["domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_token_endpoint_only_accepts_post()
    {
        using var app = new DirectLineApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/directline/token");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task With_a_secret_the_token_comes_from_Direct_Line_bound_to_the_cookies_user_and_the_secret_never_reaches_the_browser()
    {
        await using var service = await DirectLineServiceStandIn.StartAsync();
        using var app = new DirectLineApp(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServiceStandIn.Secret,
            ["DirectLine:BaseUrl"] = service.BaseUrl,
        });
        using var client = ClientWithoutCookies(app);

        using var response = await client.PostAsync("/api/directline/token", null);
        var raw = await response.Content.ReadAsStringAsync();
        using var page = await client.GetAsync("/");
        var pageHtml = await page.Content.ReadAsStringAsync();
        var script = await client.GetStringAsync("/webchat/app.js");
        using var local = await client.PostAsync("/v3/directline/conversations", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(raw)!;
        Assert.Equal("remote-token-for-1", body["token"]!.GetValue<string>());
        Assert.Equal("AzureConv-1", body["conversationId"]!.GetValue<string>());
        Assert.Equal(1800, body["expires_in"]!.GetValue<int>());
        Assert.Equal(service.BaseUrl, body["domain"]!.GetValue<string>());

        var recorded = Assert.Single(service.Requests);
        Assert.Equal($"Bearer {DirectLineServiceStandIn.Secret}", recorded.Authorization);
        var userId = app.Services.GetRequiredService<WebChatUserCookie>().UserIdFrom(response.Headers.GetValues("Set-Cookie").Single().Split(';')[0]["trustbot_uid=".Length..]);
        Assert.Equal(userId, JsonNode.Parse(recorded.Body)!["user"]!["id"]!.GetValue<string>());

        foreach (var served in new[] { raw, string.Join('\n', response.Headers.Select(h => $"{h.Key}: {string.Join(',', h.Value)}")), pageHtml, script })
            Assert.DoesNotContain(DirectLineServiceStandIn.Secret, served);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var origin = new Uri(service.BaseUrl).GetLeftPart(UriPartial.Authority);
        Assert.Contains($"connect-src 'self' {origin} ws://{new Uri(service.BaseUrl).Authority}", policy);
        // With a secret the local Direct Line is off unless asked for.
        Assert.Equal(HttpStatusCode.NotFound, local.StatusCode);
    }

    [Fact]
    public async Task A_refused_secret_answers_502_without_revealing_it_and_throttling_answers_503_with_retry_after()
    {
        await using var service = await DirectLineServiceStandIn.StartAsync();
        using var wrongSecret = new DirectLineApp(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = "not-the-secret-1234567890",
            ["DirectLine:BaseUrl"] = service.BaseUrl,
        });
        using var refused = await wrongSecret.CreateClient().PostAsync("/api/directline/token", null);
        var refusedBody = await refused.Content.ReadAsStringAsync();

        using var app = new DirectLineApp(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServiceStandIn.Secret,
            ["DirectLine:BaseUrl"] = service.BaseUrl,
        });
        service.ThrottleSeconds = 7;
        using var throttled = await app.CreateClient().PostAsync("/api/directline/token", null);
        var throttledBody = await throttled.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains("DirectLine:Secret", refusedBody);
        Assert.DoesNotContain("not-the-secret-1234567890", refusedBody);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain(DirectLineServiceStandIn.Secret, throttledBody);
        Assert.Equal(2, service.Requests.Count);
    }

    [Fact]
    public async Task An_unreachable_Direct_Line_service_answers_502()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var app = new DirectLineApp(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServiceStandIn.Secret,
            ["DirectLine:BaseUrl"] = $"http://127.0.0.1:{port}/v3/directline",
        });

        using var response = await app.CreateClient().PostAsync("/api/directline/token", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain(DirectLineServiceStandIn.Secret, await response.Content.ReadAsStringAsync());
    }
}
