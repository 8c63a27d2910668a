using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Bot.Hosting;

internal static class BotEndpoints
{
    /// <summary>Maps POST /api/messages and GET /healthz.</summary>
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.UseTrustBotEdge();
        // The handler's services are singletons, resolved once (on the first message, so a host that never receives
        // one never builds the bot): a handler that takes services as parameters makes every request open a DI scope,
        // and dispose it, only to look them up again.
        var services = new Lazy<MessageServices>(() => MessageServices.From(app.Services), LazyThreadSafetyMode.PublicationOnly);
        app.MapMethods("/api/messages", ["POST"], (HttpContext http, CancellationToken cancellationToken) =>
        {
            var s = services.Value;
            return HandleMessagesAsync(http, s.Adapter, s.Bot, s.Authenticator, s.Options, s.Identity, cancellationToken);
        });
        app.MapMethods("/api/messages", ["GET", "PUT", "DELETE", "PATCH", "HEAD"], (HttpContext http) =>
        {
            http.Response.Headers.Allow = "POST";
            return Results.Json(new ErrorBody("Use POST to send an activity to /api/messages."), BotJson.Default.ErrorBody, statusCode: 405);
        });
        app.MapHealthChecks("/healthz");
        foreach (var map in app.Services.GetServices<IEndpointContributor>()) map.Map(app);
        return app;
    }

    private sealed record MessageServices(
        BotHttpAdapter Adapter, IBot Bot, IInboundAuthenticator Authenticator, IOptions<BotFrameworkOptions> Options, IOptions<BotIdentityOptions> Identity)
    {
        public static MessageServices From(IServiceProvider services) => new(
            services.GetRequiredService<BotHttpAdapter>(),
            services.GetRequiredService<IBot>(),
            services.GetRequiredService<IInboundAuthenticator>(),
            services.GetRequiredService<IOptions<BotFrameworkOptions>>(),
            services.GetRequiredService<IOptions<BotIdentityOptions>>());
    }

    private static async Task<IResult> HandleMessagesAsync(
        HttpContext http, BotHttpAdapter adapter, IBot bot, IInboundAuthenticator authenticator,
        IOptions<BotFrameworkOptions> options, IOptions<BotIdentityOptions> identity, CancellationToken cancellationToken)
    {
        // Channels always send JSON; refusing anything else also stops a cross-site "simple" form POST.
        if (!InboundActivity.IsJsonContentType(http.Request.ContentType)) return Error(415, "Send the activity as application/json.");
        var localMode = identity.Value.IsLocalMode;
        // Without an app id nothing is authenticated, so only this machine (the Emulator, curl) may talk to the bot.
        if (localMode && !EdgeProtection.IsLocalClient(http))
            return Error(403, "This bot has no MicrosoftAppId, so /api/messages only accepts requests from this machine.");

        var limit = options.Value.MaxActivityBytes;
        // Parsed straight from Kestrel's buffers: no copy of the body per request.
        var (fits, parsed) = await LimitedBody.ReadAsync(http.Request, limit, static body => InboundActivity.Parse(body), cancellationToken);
        if (!fits) return Error(413, $"The activity is larger than {limit} bytes.");

        var (activity, invalid) = parsed;
        if (activity is null) return Error(400, invalid!);

        var auth = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, activity, cancellationToken);
        if (!auth.Succeeded)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(401, auth.Failure ?? "Unauthorized.");
        }

        if (!ActivityTypes.IsKnown(activity.Type)) return Results.Ok();
        if (MissingField(activity) is { } missing) return Error(400, $"The activity has no '{missing}'.");
        if (RefusedRoute(activity, localMode) is { } refused) return Error(refused.Status, refused.Message);

        var outcome = await adapter.ProcessActivityAsync(activity, auth, bot.OnTurnAsync, cancellationToken);
        return outcome.Body switch
        {
            null => Results.StatusCode(outcome.Status),
            ExpectedReplies replies => new JsonReplyResult<ExpectedReplies>(replies, ProtocolJson.Default.ExpectedReplies, outcome.Status, WriteReplies),
            ErrorBody error => Results.Json(error, BotJson.Default.ErrorBody, statusCode: outcome.Status),
            System.Text.Json.Nodes.JsonNode node => Results.Json(node, ProtocolJson.Default.JsonNode, statusCode: outcome.Status),
            _ => Results.StatusCode(outcome.Status),
        };
    }

    // The turn's answers, written by hand as the serializer would write them (an activity has no generated fast path).
    private static readonly Action<Utf8JsonWriter, ExpectedReplies> WriteReplies = ActivityJsonWriter.Write;

    /// <summary>
    /// The local Direct Line's turns come only through /v3/directline: its service URL is never accepted
    /// here, and in local mode (no token proves the channel) neither are the web chat channel ids, whose
    /// user ids are the web chat visitors'. An anonymous reply goes only to a plainly written loopback URL.
    /// </summary>
    private static (int Status, string Message)? RefusedRoute(Activity activity, bool localMode)
    {
        if (activity.ServiceUrl is { } url && url.TrimEnd('/').Equals(TrustBot.Bot.DirectLine.LocalDirectLineConnector.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return (403, "This service URL belongs to the bot's own Direct Line endpoint.");
        if (!localMode) return null;
        if (activity.ChannelId is { } channel && (channel.Equals(Channels.Webchat, StringComparison.OrdinalIgnoreCase) || channel.Equals(Channels.Directline, StringComparison.OrdinalIgnoreCase)))
            return (403, "Web chat conversations reach this bot through its Direct Line endpoint, not /api/messages.");
        // expectReplies and invoke answers travel in the HTTP response, so their service URL is never called now.
        if (activity.DeliveryMode != DeliveryModes.ExpectReplies && activity.Type != ActivityTypes.Invoke && !string.IsNullOrEmpty(activity.ServiceUrl) && !TrustedServiceUrls.IsCanonicalLoopback(activity.ServiceUrl))
            return (400, "In local mode the serviceUrl must be http(s)://localhost, 127.0.0.1 or [::1] with a port (the Emulator's).");
        return null;
    }

    private static string? MissingField(Activity a)
    {
        if (string.IsNullOrWhiteSpace(a.ChannelId)) return "channelId";
        if (string.IsNullOrWhiteSpace(a.Conversation?.Id)) return "conversation.id";
        if (string.IsNullOrWhiteSpace(a.From?.Id) && a.Type == ActivityTypes.Message) return "from.id";
        if (string.IsNullOrWhiteSpace(a.ServiceUrl) && a.DeliveryMode != DeliveryModes.ExpectReplies && a.Type != ActivityTypes.Invoke) return "serviceUrl";
        return null;
    }

    private static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), BotJson.Default.ErrorBody, statusCode: status);
}

/// <summary>Lets a feature (web chat, Direct Line, ...) add its own endpoints.</summary>
internal interface IEndpointContributor
{
    void Map(WebApplication app);
}
