using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;

namespace TrustBot.Bot.Channel.Connector;

/// <summary>
/// Gets the bot's outbound token with the OAuth 2.0 client-credentials grant and caches it
/// until shortly before it expires. Concurrent callers share one request to the token endpoint.
/// In local mode (no app id) there is no token.
/// </summary>
/// <remarks>
/// The form POST is done here rather than through MSAL: it is one request, and MSAL refuses
/// the plain-http authorities of loopback test servers.
/// </remarks>
internal sealed class BotTokenProvider
{
    public const string HttpClientName = "TrustBot.BotToken";

    /// <summary>A token is replaced this long before it expires, so a call never starts with one about to lapse.</summary>
    public static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly IHttpClientFactory _httpClients;
    private readonly BotIdentityOptions _identity;
    private readonly BotFrameworkOptions _botFramework;
    private readonly TimeProvider _time;
    private readonly ILogger<BotTokenProvider> _logger;
    private readonly Lock _gate = new();
    private CachedToken? _cached;
    private Task<CachedToken>? _inFlight;

    public BotTokenProvider(IHttpClientFactory httpClients, IOptions<BotIdentityOptions> identity, IOptions<BotFrameworkOptions> botFramework, TimeProvider time, ILogger<BotTokenProvider> logger)
    {
        _httpClients = httpClients;
        _identity = identity.Value;
        _botFramework = botFramework.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The endpoint the token is requested from, with the app's tenant for single-tenant bots.</summary>
    public string TokenEndpoint => ResolveTokenEndpoint(_botFramework.TokenEndpoint, _identity);

    /// <summary>The bearer token for outbound calls, or null in local mode.</summary>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_identity.IsLocalMode) return null;
        Task<CachedToken> pending;
        lock (_gate)
        {
            if (_cached is { } cached && _time.GetUtcNow() < cached.RefreshAt) return cached.AccessToken;
            pending = _inFlight ??= FetchAsync();
        }
        // One caller giving up must not cancel the request the others are waiting on.
        var token = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        return token.AccessToken;
    }

    /// <summary>Forgets <paramref name="accessToken"/> (the channel rejected it) so the next call fetches a new one.</summary>
    public void Invalidate(string accessToken)
    {
        lock (_gate)
        {
            if (_cached?.AccessToken == accessToken) _cached = null;
        }
    }

    internal static string ResolveTokenEndpoint(string configured, BotIdentityOptions identity)
    {
        var tenant = identity.IsSingleTenant && !string.IsNullOrWhiteSpace(identity.MicrosoftAppTenantId)
            ? identity.MicrosoftAppTenantId.Trim()
            : null;
        var endpoint = configured.Replace("{tenant}", tenant ?? "botframework.com", StringComparison.OrdinalIgnoreCase);
        if (tenant is not null) endpoint = endpoint.Replace("/botframework.com/", $"/{Uri.EscapeDataString(tenant)}/", StringComparison.OrdinalIgnoreCase);
        return endpoint;
    }

    private async Task<CachedToken> FetchAsync()
    {
        // Runs the request after the caller has published this task as the in-flight one.
        await Task.Yield();
        try
        {
            var token = await RequestTokenAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _cached = token;
                _inFlight = null;
            }
            return token;
        }
        catch
        {
            lock (_gate) _inFlight = null;
            throw;
        }
    }

    private async Task<CachedToken> RequestTokenAsync()
    {
        var endpoint = TokenEndpoint;
        using var span = BotTelemetry.Source.StartActivity("bot token", System.Diagnostics.ActivityKind.Client);
        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", _identity.MicrosoftAppId!.Trim()),
            new("client_secret", _identity.MicrosoftAppPassword ?? ""),
            new("scope", _botFramework.TokenScope),
        ]);

        var client = _httpClients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(endpoint, form, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            BotTelemetry.RecordOutbound("token", 0);
            _logger.LogWarning("Bot token request failed without an answer");
            throw new BotTokenException($"The token endpoint {Describe(endpoint)} did not answer. Check BotFramework:TokenEndpoint and the network.", ex, null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            span?.SetTag("http.response.status_code", status);
            BotTelemetry.RecordOutbound("token", status);
            var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None).ConfigureAwait(false);
            var parsed = TryParse(body);
            if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(parsed?.AccessToken))
            {
                _logger.LogWarning("Bot token request answered {Status}", status);
                var code = parsed?.Error is { Length: > 0 } e ? $", {e}" : "";
                throw new BotTokenException(
                    $"The token endpoint {Describe(endpoint)} refused the bot's credentials ({status}{code}). " +
                    "Check MicrosoftAppId and MicrosoftAppPassword (and MicrosoftAppTenantId when MicrosoftAppType is SingleTenant).",
                    null, response.StatusCode);
            }

            var now = _time.GetUtcNow();
            var lifetime = TimeSpan.FromSeconds(Math.Max(0, parsed.ExpiresIn ?? 3600));
            // A short-lived token is still reused for half its life rather than fetched on every call.
            var margin = lifetime > RefreshBeforeExpiry * 2 ? RefreshBeforeExpiry : lifetime / 2;
            return new CachedToken(parsed.AccessToken, now + lifetime - margin);
        }
    }

    private static TokenResponse? TryParse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, ConnectorJson.Default.TokenResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(BotFramework:TokenEndpoint)";

    private sealed record CachedToken(string AccessToken, DateTimeOffset RefreshAt);
}

/// <summary>The bot could not get its outbound token; the message says which setting to check.</summary>
internal sealed class BotTokenException(string message, Exception? inner, HttpStatusCode? status) : HttpRequestException(message, inner, status);
