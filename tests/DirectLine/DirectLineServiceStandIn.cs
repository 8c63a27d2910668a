using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrustBot.Tests.DirectLine;

/// <summary>
/// A loopback server that answers <c>POST /v3/directline/tokens/generate</c> the way the Direct
/// Line service does (200 with a token, 403 for a wrong secret, 429 with Retry-After) and records
/// every request it gets.
/// </summary>
public sealed class DirectLineServiceStandIn : IAsyncDisposable
{
    public const string Secret = "dl-secret-5f0c2b7e9a1d4c3b8e6f";
    private readonly WebApplication _app;

    public sealed record Recorded(string Method, string Path, string? Authorization, string Body);

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    /// <summary>When set, the next token requests answer 429 with this Retry-After (seconds).</summary>
    public int? ThrottleSeconds { get; set; }

    public string BaseUrl { get; private set; } = "";

    private DirectLineServiceStandIn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v3/directline/tokens/generate", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var auth = http.Request.Headers.Authorization.ToString();
            Requests.Enqueue(new Recorded("POST", http.Request.Path, auth, body));
            if (auth != $"Bearer {Secret}") return Results.Json(new { error = new { code = "BadArgument", message = "Invalid secret" } }, statusCode: 403);
            if (ThrottleSeconds is { } wait)
            {
                http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new { error = new { code = "TooManyRequests", message = "Slow down" } }, statusCode: 429);
            }
            return Results.Json(new { conversationId = "AzureConv-1", token = "remote-token-for-" + Requests.Count, expires_in = 1800 });
        });
    }

    public static async Task<DirectLineServiceStandIn> StartAsync()
    {
        var standIn = new DirectLineServiceStandIn();
        await standIn._app.StartAsync();
        var address = standIn._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseUrl = $"{address}/v3/directline";
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
