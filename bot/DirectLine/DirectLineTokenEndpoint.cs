using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;

namespace TrustBot.Bot.DirectLine;

/// <summary>
/// <c>POST /api/directline/token</c>: a Direct Line token for the web chat page, bound to the
/// visitor's user id. The id lives in an http-only cookie, so a returning visitor is the same
/// person and the page cannot pick someone else's id. With <c>DirectLine:Secret</c> the token
/// comes from the Direct Line service (the secret stays on the server); otherwise from the
/// local Direct Line.
/// </summary>
public sealed class DirectLineTokenEndpoint(IOptions<DirectLineOptions> options) : IEndpointContributor
{
    public const string Path = "/api/directline/token";
    public const string UserCookie = "trustbot_uid";

    public void Map(WebApplication app)
    {
        app.MapPost(Path, IssueAsync);
        app.MapMethods(Path, ["GET", "PUT", "DELETE", "PATCH"], (HttpContext http) =>
        {
            http.Response.Headers.Allow = "POST";
            return LocalDirectLine.Error(405, "Use POST to get a Direct Line token.");
        });
    }

    private async Task<IResult> IssueAsync(HttpContext http, IServiceProvider services)
    {
        http.Response.Headers.CacheControl = "no-store";
        var userId = UserIdFor(http);
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.Secret))
            return await services.GetRequiredService<DirectLineServiceClient>().GenerateTokenAsync(userId, http.RequestAborted);

        if (!settings.LocalEnabled)
            return LocalDirectLine.Error(503, "Web chat is not configured: set DirectLine:Secret (Azure Bot Service) or DirectLine:Local=true.");

        var issuer = services.GetRequiredService<LocalTokenIssuer>();
        var domain = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{LocalDirectLineEndpoints.BasePath}";
        return Results.Json(new WebChatToken(issuer.Issue(userId, null), null, issuer.LifetimeSeconds, domain, WebSocket: true), DirectLineJson.Default.WebChatToken);
    }

    /// <summary>The visitor's id from the cookie, or a new one set in the cookie.</summary>
    private static string UserIdFor(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(UserCookie, out var existing) && RandomId.IsUserId(existing)) return existing!;
        var userId = RandomId.NewUserId();
        http.Response.Cookies.Append(UserCookie, userId, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return userId;
    }
}

/// <summary>The Direct Line service's token API (one shared client).</summary>
public sealed class DirectLineServiceClient(HttpClient http, IOptions<DirectLineOptions> options, ILogger<DirectLineServiceClient> logger)
{
    /// <summary>Exchanges the secret for a token bound to <paramref name="userId"/>; the answer is safe to give the browser.</summary>
    public async Task<IResult> GenerateTokenAsync(string userId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var baseUrl = settings.BaseUrl.TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/tokens/generate")
        {
            Content = JsonContent.Create(new TokenGenerateRequest(new TokenUser(userId)), DirectLineJson.Default.TokenGenerateRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Direct Line token service unreachable: {Error}", e.HttpRequestError);
            BotTelemetry.RecordOutbound("directline.token", 0);
            return LocalDirectLine.Error(502, "The Direct Line service could not be reached; check DirectLine:BaseUrl and the network, then reload.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            BotTelemetry.RecordOutbound("directline.token", 0);
            return LocalDirectLine.Error(504, "The Direct Line service did not answer in time; reload the page to try again.");
        }

        using (response)
        {
            BotTelemetry.RecordOutbound("directline.token", (int)response.StatusCode);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    DirectLineConversation? generated;
                    try
                    {
                        generated = await response.Content.ReadFromJsonAsync(DirectLineJson.Default.DirectLineConversation, cancellationToken);
                    }
                    catch (JsonException)
                    {
                        generated = null;
                    }
                    if (generated is null || string.IsNullOrEmpty(generated.Token))
                        return LocalDirectLine.Error(502, "The Direct Line service answered without a token; try again.");
                    return Results.Json(new WebChatToken(generated.Token, generated.ConversationId, generated.ExpiresIn, baseUrl, WebSocket: true), DirectLineJson.Default.WebChatToken);
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    logger.LogError("Direct Line refused the configured secret ({Status})", (int)response.StatusCode);
                    return LocalDirectLine.Error(502, "The Direct Line service refused the bot's secret; the operator must check DirectLine:Secret.");
                case HttpStatusCode.TooManyRequests:
                    if (response.Headers.RetryAfter?.Delta is { } delta)
                        return new RetryAfterResult(LocalDirectLine.Error(503, "Too many chats are starting right now; try again shortly."), delta);
                    return LocalDirectLine.Error(503, "Too many chats are starting right now; try again shortly.");
                default:
                    logger.LogWarning("Direct Line token service answered {Status}", (int)response.StatusCode);
                    return LocalDirectLine.Error(502, "The Direct Line service is having trouble; reload the page in a minute.");
            }
        }
    }

    private sealed class RetryAfterResult(IResult inner, TimeSpan delay) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
