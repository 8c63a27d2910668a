using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
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
internal sealed class DirectLineTokenEndpoint(IOptions<DirectLineOptions> options) : IEndpointContributor
{
    public const string Path = "/api/directline/token";

    /// <summary>The cookie's name over plain http (local development).</summary>
    public const string UserCookie = WebChatUserCookie.Name;

    public void Map(WebApplication app)
    {
        app.MapPost(Path, IssueAsync).RequireRateLimiting(EdgeProtection.TokenPolicy);
        app.MapMethods(Path, ["GET", "PUT", "DELETE", "PATCH"], (HttpContext http) =>
        {
            http.Response.Headers.Allow = "POST";
            return LocalDirectLine.Error(405, "Use POST to get a Direct Line token.");
        });
    }

    private async Task<IResult> IssueAsync(HttpContext http, IServiceProvider services)
    {
        http.Response.Headers.CacheControl = "no-store";
        var userId = services.GetRequiredService<WebChatUserCookie>().UserIdFor(http);
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.Secret))
            return await services.GetRequiredService<DirectLineServiceClient>().GenerateTokenAsync(userId, http.RequestAborted);

        if (!settings.LocalEnabled)
            return LocalDirectLine.Error(503, "Web chat is not configured: set DirectLine:Secret (Azure Bot Service) or DirectLine:Local=true.");

        var issuer = services.GetRequiredService<LocalTokenIssuer>();
        var domain = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{LocalDirectLineEndpoints.BasePath}";
        return Results.Json(new WebChatToken(issuer.Issue(userId, null), null, issuer.LifetimeSeconds, domain, WebSocket: true), DirectLineJson.Default.WebChatToken);
    }
}

/// <summary>
/// The web chat visitor's user id, the only thing that makes a returning visitor the same person,
/// kept in an http-only cookie that the bot signs and encrypts with ASP.NET Data Protection: a
/// browser can keep its own id but never choose or guess another's. Over https the cookie is
/// <c>__Host-</c> prefixed and Secure (bound to this host, not settable by a sibling domain).
/// </summary>
internal sealed class WebChatUserCookie
{
    public const string Name = "trustbot_uid";
    public const string SecureName = "__Host-trustbot_uid";

    private readonly ITimeLimitedDataProtector _protector;
    private readonly TimeSpan _lifetime;

    public WebChatUserCookie(IDataProtectionProvider dataProtection, IOptions<DirectLineOptions> options)
    {
        _protector = dataProtection.CreateProtector("TrustBot.WebChat.UserId.v1").ToTimeLimitedDataProtector();
        _lifetime = TimeSpan.FromDays(options.Value.UserCookieDays);
    }

    /// <summary>The visitor's id from a valid cookie, or a new id set in a new cookie.</summary>
    public string UserIdFor(HttpContext http)
    {
        var name = http.Request.IsHttps ? SecureName : Name;
        if (http.Request.Cookies.TryGetValue(name, out var existing) && UserIdFrom(existing) is { } known) return known;
        var userId = RandomId.NewUserId();
        http.Response.Cookies.Append(name, _protector.Protect(userId, _lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
            MaxAge = _lifetime,
        });
        return userId;
    }

    /// <summary>The user id inside a cookie value, or null when it is forged, tampered with, expired or not ours.</summary>
    public string? UserIdFrom(string? cookieValue)
    {
        if (string.IsNullOrEmpty(cookieValue) || cookieValue.Length > 1024) return null;
        try
        {
            var userId = _protector.Unprotect(cookieValue);
            return RandomId.IsUserId(userId) ? userId : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>The Direct Line service's token API (one shared client).</summary>
internal sealed class DirectLineServiceClient(HttpClient http, IOptions<DirectLineOptions> options, ILogger<DirectLineServiceClient> logger)
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
            return await AnswerAsync(response, baseUrl, cancellationToken);
        }
    }

    /// <summary>What the browser is told for each of the token service's answers.</summary>
    private async Task<IResult> AnswerAsync(HttpResponseMessage response, string baseUrl, CancellationToken cancellationToken)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var generated = await ReadConversationAsync(response, cancellationToken);
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

    private static async Task<DirectLineConversation?> ReadConversationAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(DirectLineJson.Default.DirectLineConversation, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
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
