using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TrustBot.Tests.DirectLine;

/// <summary>TrustBot in memory (Storage:Provider=Memory) with optional settings and service overrides.</summary>
public sealed class DirectLineApp(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["Proactive:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(all));
        builder.ConfigureTestServices(s => services?.Invoke(s));
    }
}

/// <summary>A minimal Direct Line 3.0 client speaking to the bot's local endpoint.</summary>
public sealed class DirectLineTestClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<string> GetUserTokenAsync()
    {
        using var response = await Http.PostAsync("/api/directline/token", null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["token"]!.GetValue<string>();
    }

    public async Task<(HttpStatusCode Status, string ConversationId, string Token, JsonObject Body)> StartAsync(string token)
    {
        using var request = Request(HttpMethod.Post, "/v3/directline/conversations", token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (response.StatusCode, body!["conversationId"]!.GetValue<string>(), body["token"]!.GetValue<string>(), body);
    }

    /// <summary>Starts a conversation that may be refused: the status, Retry-After and, when started, its id and token.</summary>
    public async Task<((HttpStatusCode Status, TimeSpan? RetryAfter) Status, string? ConversationId, string? Token, JsonObject? Body)> TryStartAsync(string token)
    {
        using var request = Request(HttpMethod.Post, "/v3/directline/conversations", token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return ((response.StatusCode, response.Headers.RetryAfter?.Delta), body?["conversationId"]?.GetValue<string>(), body?["token"]?.GetValue<string>(), body);
    }

    public async Task<HttpResponseMessage> PostAsync(string conversationId, string token, object activity)
    {
        using var request = Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token);
        request.Content = JsonContent.Create(activity);
        return await Http.SendAsync(request);
    }

    public async Task<string> SendTextAsync(string conversationId, string token, string text, string? clientActivityId = null)
    {
        using var response = await PostAsync(conversationId, token, new
        {
            type = "message",
            text,
            from = new { id = "chosen-by-the-browser", name = "Sam" },
            channelData = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("N") },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["id"]!.GetValue<string>();
    }

    public async Task<HttpResponseMessage> GetRawAsync(string path, string? token)
    {
        using var request = Request(HttpMethod.Get, path, token);
        return await Http.SendAsync(request);
    }

    public async Task<(List<JsonObject> Activities, string Watermark)> PollAsync(string conversationId, string token, string? watermark = null)
    {
        using var response = await GetRawAsync($"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var activities = body!["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
        return (activities, body["watermark"]!.GetValue<string>());
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
