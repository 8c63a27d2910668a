using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using TrustBot.Bot.Hosting;
using TrustBot.Schema;

namespace TrustBot.Bot.Channel.Connector;

/// <summary>
/// Calls the Bot Connector REST API (Azure Bot Service, Teams, the Emulator) at a conversation's
/// service URL. With an app id the bot token goes only to service URLs that arrived in
/// authenticated activities; in local mode only loopback URLs are served, without a token.
/// </summary>
internal sealed class BotConnectorClient : IChannelConnector
{
    public const string HttpClientName = "TrustBot.BotConnector";
    public const string LocalHttpClientName = "TrustBot.BotConnector.Local";
    public const string UntrustedServiceUrl = "UntrustedServiceUrl";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly IHttpClientFactory _httpClients;
    private readonly BotTokenProvider _tokens;
    private readonly TrustedServiceUrls _trusted;
    private readonly BotIdentityOptions _identity;
    private readonly ConnectorOptions _options;
    private readonly ILogger<BotConnectorClient> _logger;

    public BotConnectorClient(
        IHttpClientFactory httpClients, BotTokenProvider tokens, TrustedServiceUrls trusted,
        IOptions<BotIdentityOptions> identity, IOptions<ConnectorOptions> options, ILogger<BotConnectorClient> logger)
    {
        _httpClients = httpClients;
        _tokens = tokens;
        _trusted = trusted;
        _identity = identity.Value;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Any absolute http or https URL; more specific connectors are registered before this one.</summary>
    public bool Handles(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Replies to <see cref="Activity.ReplyToId"/> when set, otherwise sends to the conversation.</summary>
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var (serviceUrl, conversationId) = Route(activity);
        var isReply = !string.IsNullOrEmpty(activity.ReplyToId);
        var path = isReply
            ? $"v3/conversations/{Segment(conversationId)}/activities/{Segment(activity.ReplyToId!)}"
            : $"v3/conversations/{Segment(conversationId)}/activities";
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Default.Activity);
        return await CallAsync(isReply ? "reply" : "send", HttpMethod.Post, serviceUrl, path, body, ProtocolJson.Default.ResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ResourceResponse();
    }

    public async Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        var (serviceUrl, conversationId) = Route(activity);
        if (string.IsNullOrEmpty(activity.Id))
            throw new ArgumentException("Set the activity's id to the id of the message to update.", nameof(activity));
        var path = $"v3/conversations/{Segment(conversationId)}/activities/{Segment(activity.Id)}";
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Default.Activity);
        return await CallAsync("update", HttpMethod.Put, serviceUrl, path, body, ProtocolJson.Default.ResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ResourceResponse { Id = activity.Id };
    }

    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var path = $"v3/conversations/{Segment(conversationId)}/activities/{Segment(activityId)}";
        await CallAsync<ResourceResponse>("delete", HttpMethod.Delete, serviceUrl, path, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a conversation (e.g. a proactive Teams 1:1, which needs the tenant id and the user's <c>29:</c> id).</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var body = JsonSerializer.SerializeToUtf8Bytes(parameters, ConnectorJson.Default.ConversationParameters);
        return await CallAsync("createConversation", HttpMethod.Post, serviceUrl, "v3/conversations", body, ConnectorJson.Default.ConversationResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new ChannelSendException(502, "EmptyResponse", "The channel created no conversation (empty answer to POST /v3/conversations).");
    }

    private async Task<T?> CallAsync<T>(string operation, HttpMethod method, string serviceUrl, string path, byte[]? body, JsonTypeInfo<T>? responseType, CancellationToken cancellationToken)
        where T : class
    {
        var uri = BuildUri(serviceUrl, path);
        EnsureAllowed(serviceUrl);

        using var span = BotTelemetry.Source.StartActivity("connector " + operation, ActivityKind.Client);
        span?.SetTag("trustbot.connector.operation", operation);
        span?.SetTag("http.request.method", method.Method);
        var status = 0;
        try
        {
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            var response = await SendAttemptsAsync(method, uri, body, token, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null)
            {
                // The channel no longer accepts this token (rotated secret, revoked): one more try with a fresh one.
                _logger.LogInformation("Bot Connector {Operation} answered 401; retrying once with a new token", operation);
                response.Dispose();
                _tokens.Invalidate(token);
                token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                response = await SendAttemptsAsync(method, uri, body, token, cancellationToken).ConfigureAwait(false);
            }

            using (response)
            {
                status = (int)response.StatusCode;
                span?.SetTag("http.response.status_code", status);
                if (!response.IsSuccessStatusCode) throw await ToExceptionAsync(operation, response, cancellationToken).ConfigureAwait(false);
                _logger.LogDebug("Bot Connector {Operation} answered {Status}", operation, status);
                if (responseType is null) return null;
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                return ParseOrNull(bytes, responseType);
            }
        }
        catch (TimeoutRejectedException)
        {
            status = 504;
            _logger.LogWarning("Bot Connector {Operation} timed out", operation);
            throw new ChannelSendException(504, "Timeout",
                _identity.IsLocalMode
                    ? $"The local service URL did not answer {operation} within {_options.LocalTotalTimeout.TotalSeconds:0.#} s (BotFramework:Connector:LocalTotalTimeout)."
                    : $"The channel did not answer {operation} within {_options.TotalTimeout.TotalSeconds:0.#} s (BotFramework:Connector:TotalTimeout); it may be overloaded, try again later.");
        }
        catch (HttpRequestException ex) when (ex is not BotTokenException)
        {
            _logger.LogWarning("Bot Connector {Operation} could not connect ({Error})", operation, ex.HttpRequestError);
            throw;
        }
        finally
        {
            span?.SetStatus(status is >= 200 and < 300 ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            BotTelemetry.RecordOutbound(operation, status);
        }
    }

    /// <summary>One logical request; the resilience handler of the named client retries it.</summary>
    private Task<HttpResponseMessage> SendAttemptsAsync(HttpMethod method, Uri uri, byte[]? body, string? token, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonMediaType;
        }
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return SendAndDisposeRequestAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAndDisposeRequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var client = _httpClients.CreateClient(_identity.IsLocalMode ? LocalHttpClientName : HttpClientName);
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The token never leaves for a host we were not told about by an authenticated channel.</summary>
    private void EnsureAllowed(string serviceUrl)
    {
        if (_identity.IsLocalMode)
        {
            if (TrustedServiceUrls.IsCanonicalLoopback(serviceUrl)) return;
            _logger.LogWarning("Refused to send to a non-loopback service URL in local mode");
            throw new ChannelSendException(400, UntrustedServiceUrl,
                "In local mode (no MicrosoftAppId) the bot only sends to loopback service URLs such as the Emulator's or the local Direct Line. " +
                "Set MicrosoftAppId and MicrosoftAppPassword to talk to Azure Bot Service.");
        }
        if (_trusted.IsTrusted(serviceUrl)) return;
        _logger.LogWarning("Refused to send the bot token to a service URL that no authenticated activity vouched for");
        throw new ChannelSendException(400, UntrustedServiceUrl,
            "This service URL did not arrive in an authenticated activity, so the bot will not send its token there. " +
            "Reply only to conversations whose activities passed authentication (or references stored with ServiceUrlVerified).");
    }

    private async Task<ChannelSendException> ToExceptionAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? code = null;
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            code = ParseOrNull(bytes, ConnectorJson.Default.ChannelErrorResponse)?.Error?.Code;
        }
        catch (HttpRequestException)
        {
            // The status alone is enough to act on.
        }
        _logger.LogWarning("Bot Connector {Operation} answered {Status} {Code}", operation, status, code);

        var advice = status switch
        {
            401 => "The channel rejected the bot's token: check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId/MicrosoftAppType against the Azure Bot registration.",
            403 => "The person blocked the bot or it was removed from the conversation: stop sending there until they write again.",
            404 => "The conversation no longer exists: drop its stored reference.",
            413 => "The activity is too large: keep messages under 80 KB.",
            429 => "The channel is throttling the bot and asked to wait longer than BotFramework:Connector:MaxRetryAfter: try again later.",
            _ => "The channel could not take the activity; retries (if any) did not help.",
        };
        var codeText = code is null ? "" : $" {code}";
        return new ChannelSendException(status, code, $"Bot Connector {operation} failed with {status}{codeText}. {advice}");
    }

    private static T? ParseOrNull<T>(byte[] bytes, JsonTypeInfo<T> type) where T : class
    {
        if (bytes.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize(bytes, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string ServiceUrl, string ConversationId) Route(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.ServiceUrl))
            throw new ChannelSendException(400, "MissingServiceUrl", "The activity has no serviceUrl, so there is nowhere to send it.");
        if (string.IsNullOrEmpty(activity.Conversation?.Id))
            throw new ChannelSendException(400, "MissingConversationId", "The activity has no conversation.id; copy it from the conversation reference.");
        return (activity.ServiceUrl, activity.Conversation.Id);
    }

    /// <summary>
    /// Ids are opaque and Teams ids contain <c>:</c>, <c>@</c> and <c>;</c>: each is one escaped path segment.
    /// <c>.</c> and <c>..</c> survive escaping and would be resolved as path steps, so they (and control
    /// characters, and absurd lengths) are refused instead of changing where the request goes.
    /// </summary>
    internal static string Segment(string id)
    {
        if (id is "." or ".." || id.Length > 1024 || id.Any(char.IsControl))
            throw new ChannelSendException(400, "InvalidId", "A conversation or activity id is not a valid Bot Framework id, so it cannot be part of the channel's URL.");
        return Uri.EscapeDataString(id);
    }

    /// <summary>Keeps the service URL's own path (e.g. Teams' regional <c>/amer/</c>) and appends the API path.</summary>
    internal static Uri BuildUri(string serviceUrl, string relativePath)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
            throw new ChannelSendException(400, "InvalidServiceUrl", "The serviceUrl is not an absolute http(s) URL.");
        var root = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(root + "/" + relativePath, UriKind.Absolute);
    }
}
