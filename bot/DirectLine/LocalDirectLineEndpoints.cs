using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Hosting;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Bot.DirectLine;

/// <summary>
/// A Direct Line 3.0 endpoint at <c>/v3/directline</c>, so the web chat page works on a machine
/// with no Azure. It runs each posted activity through the bot in-process and keeps every
/// conversation's activities (the person's own included, as Web Chat expects) for polling.
/// A token from <c>/api/directline/token</c> speaks for one user id; <c>POST /conversations</c>
/// with it reconnects that user to their live conversation (200) or starts one (201, and the
/// bot gets a conversationUpdate so it can say hello).
/// </summary>
internal sealed class LocalDirectLineEndpoints(IOptions<DirectLineOptions> options) : IEndpointContributor
{
    public const string BasePath = "/v3/directline";

    public void Map(WebApplication app)
    {
        if (!options.Value.LocalEnabled) return;
        app.UseWebSockets();
        var group = app.MapGroup(BasePath);
        group.MapPost("/tokens/refresh", (HttpContext http, LocalDirectLine dl) => dl.RefreshToken(http));
        group.MapPost("/tokens/generate", () => LocalDirectLine.Error(403, "The local Direct Line has no secret; get a token from POST /api/directline/token."));
        group.MapPost("/conversations", (HttpContext http, LocalDirectLine dl) => dl.StartConversationAsync(http)).RequireRateLimiting(EdgeProtection.StartPolicy);
        group.MapGet("/conversations/{conversationId}", (HttpContext http, string conversationId, LocalDirectLine dl) => dl.Reconnect(http, conversationId));
        group.MapGet("/conversations/{conversationId}/activities", (HttpContext http, string conversationId, LocalDirectLine dl) => dl.GetActivities(http, conversationId));
        group.MapPost("/conversations/{conversationId}/activities", (HttpContext http, string conversationId, LocalDirectLine dl) => dl.PostActivityAsync(http, conversationId)).RequireRateLimiting(EdgeProtection.PostPolicy);
        group.MapPost("/conversations/{conversationId}/upload", () => LocalDirectLine.Error(400, "The local Direct Line does not accept uploads; send text instead."));
        group.MapGet("/conversations/{conversationId}/stream", (HttpContext http, string conversationId, LocalDirectLine dl) => dl.StreamAsync(http, conversationId)).RequireRateLimiting(EdgeProtection.StreamPolicy);
    }
}

/// <summary>The request handling behind <see cref="LocalDirectLineEndpoints"/>.</summary>
internal sealed class LocalDirectLine(
    LocalConversationStore conversations,
    LocalTokenIssuer tokens,
    BotHttpAdapter adapter,
    IBot bot,
    IOptions<BotIdentityOptions> identity,
    IOptions<BotFrameworkOptions> botFramework,
    IOptions<LocalDirectLineOptions> limits,
    IHostApplicationLifetime lifetime,
    ILogger<LocalDirectLine> logger)
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    private ChannelAccount BotAccount => new()
    {
        Id = string.IsNullOrWhiteSpace(identity.Value.MicrosoftAppId) ? "trustbot" : identity.Value.MicrosoftAppId,
        Name = "TrustBot",
        Role = RoleTypes.Bot,
    };

    public IResult RefreshToken(HttpContext http)
    {
        if (Authorize(http, out var token) is { } denied) return denied;
        return Results.Json(new DirectLineConversation(token.ConversationId, tokens.Issue(token.UserId, token.ConversationId), tokens.LifetimeSeconds), DirectLineJson.Default.DirectLineConversation);
    }

    public async Task<IResult> StartConversationAsync(HttpContext http)
    {
        if (Authorize(http, out var token) is { } denied) return denied;
        var (body, error) = await ReadBodyAsync(http, limits.Value.MaxActivityBytes);
        if (error is not null) return error;
        string? locale = null;
        if (body is { Length: > 0 })
        {
            try
            {
                locale = JsonSerializer.Deserialize(body, DirectLineJson.Default.StartConversationRequest)?.Locale;
            }
            catch (JsonException)
            {
                return Error(400, "The body of POST /conversations must be JSON (or empty).");
            }
        }

        LocalConversation? conversation = null;
        var created = false;
        if (token.ConversationId is { } bound) conversation = conversations.Find(bound);
        if (conversation is null || conversation.UserId != token.UserId)
        {
            // Live conversations are never evicted for a newcomer: when all are live, the newcomer waits.
            if (conversations.GetOrCreate(token.UserId) is not { } opened)
            {
                http.Response.Headers.RetryAfter = limits.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Error(503, "The web chat is full right now; try again in a minute.");
            }
            (conversation, created) = opened;
        }

        if (created) await WelcomeAsync(conversation, locale);
        return Results.Json(Describe(http, conversation, token.UserId), DirectLineJson.Default.DirectLineConversation, statusCode: created ? 201 : 200);
    }

    public IResult Reconnect(HttpContext http, string conversationId)
    {
        if (Open(http, conversationId, out var token, out var conversation) is { } denied) return denied;
        if (!TryReadWatermark(http, out var watermark)) return Error(400, "The watermark must be the value returned by an earlier call.");
        // The stream resumes after what the client already has.
        return Results.Json(Describe(http, conversation, token.UserId, watermark), DirectLineJson.Default.DirectLineConversation);
    }

    public IResult GetActivities(HttpContext http, string conversationId)
    {
        if (Open(http, conversationId, out _, out var conversation) is { } denied) return denied;
        if (!TryReadWatermark(http, out var watermark)) return Error(400, "The watermark must be the value returned by an earlier call.");
        var (activities, next) = conversation.ReadAfter(watermark, limits.Value.PageActivities, limits.Value.PageBytes);
        return Results.Bytes(ActivitySet(activities, next), "application/json; charset=utf-8");
    }

    public async Task<IResult> PostActivityAsync(HttpContext http, string conversationId)
    {
        if (Open(http, conversationId, out var token, out var conversation) is { } denied) return denied;
        if (!InboundActivity.IsJsonContentType(http.Request.ContentType)) return Error(415, "Send the activity as application/json.");
        var (body, error) = await ReadBodyAsync(http, limits.Value.MaxActivityBytes);
        if (error is not null) return error;

        // From is replaced below, so a client need not send it.
        var (activity, invalid) = InboundActivity.Parse(body!, requireFrom: false);
        if (activity is null) return Error(400, invalid!);

        // The token, not the client, says who is speaking and where.
        activity.From = new ChannelAccount { Id = token.UserId, Name = activity.From?.Name, Role = RoleTypes.User };
        activity.Recipient = BotAccount;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.ChannelId = Channels.Webchat;
        activity.ServiceUrl = LocalDirectLineConnector.ServiceUrl;
        activity.DeliveryMode = null;
        activity.CallerId = null;
        activity.ReplyToId = null;
        activity.Timestamp = null;

        await conversation.TurnGate.WaitAsync(http.RequestAborted);
        try
        {
            // Only the person's messages are kept (Web Chat shows them); typing and events are passed to the
            // bot but not stored, so they can neither push real messages out nor fill memory.
            var id = activity.Type == ActivityTypes.Message ? conversation.Append(activity) : (activity.Id = $"{conversation.Id}|{RandomId.New()}");
            conversation.MarkPersonSpoke();
            var outcome = await adapter.ProcessActivityAsync(activity, AuthenticationResult.LocalDirectLine, bot.OnTurnAsync, lifetime.ApplicationStopping);
            // 501 is an invoke the bot does not handle: an answer, not a failure.
            if (outcome.Status >= 500 && outcome.Status != 501) return Error(502, "The bot could not handle this activity; try again shortly.");
            return Results.Json(new ResourceResponse { Id = id }, ProtocolJson.Default.ResourceResponse);
        }
        finally
        {
            conversation.TurnGate.Release();
        }
    }

    /// <summary>Streams activity sets over a WebSocket, with empty keep-alive frames while nothing happens.</summary>
    public async Task<IResult> StreamAsync(HttpContext http, string conversationId)
    {
        if (Open(http, conversationId, out _, out var conversation, tokenInQuery: true) is { } denied) return denied;
        if (!http.WebSockets.IsWebSocketRequest) return Error(400, "The stream URL needs a WebSocket connection.");
        if (!TryReadWatermark(http, out var watermark)) return Error(400, "The watermark must be the value returned by an earlier call.");
        if (!conversation.TryOpenStream())
        {
            http.Response.Headers.RetryAfter = "5";
            return Error(429, "This conversation already has as many open streams as allowed; close one first.");
        }
        try
        {
            return await StreamOpenedAsync(http, conversation, watermark);
        }
        finally
        {
            conversation.CloseStream();
        }
    }

    private async Task<IResult> StreamOpenedAsync(HttpContext http, LocalConversation conversation, long watermark)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var reader = DrainAsync(socket, stopping);
        try
        {
            while (socket.State == WebSocketState.Open && !conversation.Ended && !stopping.IsCancellationRequested)
            {
                var (frame, next) = await NextFrameAsync(conversation, watermark, stopping.Token);
                watermark = next;
                if (frame is not null) await socket.SendAsync(frame, WebSocketMessageType.Text, true, stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or the bot is stopping: nothing to tell anyone.
        }

        await stopping.CancelAsync();
        await reader;
        await CloseAsync(socket, conversation.Ended);
        return Results.Empty;
    }

    /// <summary>The activities after <paramref name="watermark"/> as one frame; an empty frame (a keep-alive) when
    /// nothing came within <see cref="KeepAlive"/>; null when a wake-up brought nothing to send.</summary>
    private async Task<(byte[]? Frame, long Watermark)> NextFrameAsync(LocalConversation conversation, long watermark, CancellationToken stopping)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        wait.CancelAfter(KeepAlive);
        try
        {
            await conversation.WaitForActivityAfterAsync(watermark, wait.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return ([], watermark);
        }

        var (activities, next) = conversation.ReadAfter(watermark, limits.Value.PageActivities, limits.Value.PageBytes);
        return (activities.Count == 0 ? null : ActivitySet(activities, next), next);
    }

    private static async Task CloseAsync(WebSocket socket, bool conversationEnded)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, conversationEnded ? "conversation ended" : null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Already gone.
        }
    }

    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, stop.Token);
                if (received.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        await stop.CancelAsync();
    }

    private async Task WelcomeAsync(LocalConversation conversation, string? locale)
    {
        var user = new ChannelAccount { Id = conversation.UserId, Role = RoleTypes.User };
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = $"{conversation.Id}|start",
            Timestamp = null,
            ChannelId = Channels.Webchat,
            ServiceUrl = LocalDirectLineConnector.ServiceUrl,
            From = user,
            Recipient = BotAccount,
            Conversation = new ConversationAccount { Id = conversation.Id },
            MembersAdded = [user],
            Locale = locale,
        };
        await conversation.TurnGate.WaitAsync(lifetime.ApplicationStopping);
        try
        {
            var outcome = await adapter.ProcessActivityAsync(update, AuthenticationResult.LocalDirectLine, bot.OnTurnAsync, lifetime.ApplicationStopping);
            if (outcome.Status >= 500) logger.LogWarning("The welcome turn of a local Direct Line conversation failed with {Status}", outcome.Status);
        }
        finally
        {
            conversation.TurnGate.Release();
        }
    }

    private DirectLineConversation Describe(HttpContext http, LocalConversation conversation, string userId, long watermark = 0)
    {
        var token = tokens.Issue(userId, conversation.Id);
        var scheme = http.Request.IsHttps ? "wss" : "ws";
        var stream = $"{scheme}://{http.Request.Host}{http.Request.PathBase}{LocalDirectLineEndpoints.BasePath}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream?t={Uri.EscapeDataString(token)}"
            + (watermark > 0 ? $"&watermark={watermark.ToString(CultureInfo.InvariantCulture)}" : "");
        return new DirectLineConversation(conversation.Id, token, tokens.LifetimeSeconds, stream);
    }

    /// <summary>Checks the token and that it may use the conversation: 401 no token, 403 bad token or another's conversation, 404 unknown.</summary>
    private IResult? Open(HttpContext http, string conversationId, out LocalToken token, out LocalConversation conversation, bool tokenInQuery = false)
    {
        conversation = null!;
        if (Authorize(http, out token, tokenInQuery) is { } denied) return denied;
        if (token.ConversationId is { } bound && !string.Equals(bound, conversationId, StringComparison.Ordinal))
            return Error(403, "This token belongs to another conversation.");
        var found = conversations.Find(conversationId);
        if (found is null) return Error(404, "The conversation does not exist or has ended; start a new one with POST /v3/directline/conversations.");
        if (!string.Equals(found.UserId, token.UserId, StringComparison.Ordinal)) return Error(403, "This token belongs to another conversation.");
        conversation = found;
        return null;
    }

    private IResult? Authorize(HttpContext http, out LocalToken token, bool tokenInQuery = false)
    {
        token = null!;
        var header = http.Request.Headers.Authorization.ToString();
        string? raw = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        // A WebSocket cannot carry headers from a browser, so the stream URL carries the token.
        if (raw is null && tokenInQuery && http.Request.Query["t"] is { Count: 1 } query) raw = query[0];
        if (string.IsNullOrEmpty(raw)) return Error(401, "Send 'Authorization: Bearer <token>'; get a token from POST /api/directline/token.");
        var validated = tokens.Validate(raw);
        if (validated is null) return Error(403, "The token is invalid or expired; get a new one from POST /api/directline/token.");
        token = validated;
        return null;
    }

    private static bool TryReadWatermark(HttpContext http, out long watermark)
    {
        watermark = 0;
        var raw = http.Request.Query["watermark"].ToString();
        if (string.IsNullOrEmpty(raw) || raw == "null" || raw == "undefined") return true;
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out watermark);
    }

    /// <summary>One page as UTF-8 JSON, assembled from the stored bytes (bounded by the page limits).</summary>
    private static byte[] ActivitySet(IReadOnlyList<byte[]> activities, long watermark)
    {
        var tail = Encoding.UTF8.GetBytes($"],\"watermark\":\"{watermark.ToString(CultureInfo.InvariantCulture)}\"}}");
        var head = "{\"activities\":["u8;
        var json = new byte[head.Length + activities.Sum(a => a.Length) + Math.Max(0, activities.Count - 1) + tail.Length];
        head.CopyTo(json);
        var at = head.Length;
        for (var i = 0; i < activities.Count; i++)
        {
            if (i > 0) json[at++] = (byte)',';
            activities[i].CopyTo(json, at);
            at += activities[i].Length;
        }
        tail.CopyTo(json, at);
        return json;
    }

    private async Task<(byte[]? Body, IResult? Error)> ReadBodyAsync(HttpContext http, int? smallerLimit = null)
    {
        var limit = Math.Min(botFramework.Value.MaxActivityBytes, smallerLimit ?? int.MaxValue);
        var body = await LimitedBody.ReadAsync(http.Request, limit, http.RequestAborted);
        return body is null ? (null, Error(413, $"The activity is larger than {limit} bytes.")) : (body, null);
    }

    internal static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), DirectLineJson.Default.ErrorBody, statusCode: status);
}
