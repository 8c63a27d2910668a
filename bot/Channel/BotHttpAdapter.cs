using System.Diagnostics;
using TrustBot.Bot.Hosting;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Bot.Channel;

/// <summary>What the HTTP layer answers after a turn.</summary>
internal sealed record TurnOutcome(int Status, object? Body)
{
    public static TurnOutcome Ok { get; } = new(200, null);
}

/// <summary>
/// Runs turns for activities that arrived over HTTP (or from the local Direct Line) and
/// delivers the bot's activities: buffered for <c>expectReplies</c>, captured for invoke,
/// otherwise sent through the connector that handles the conversation's service URL.
/// </summary>
internal sealed class BotHttpAdapter : BotAdapter
{
    private readonly IReadOnlyList<IChannelConnector> _connectors;
    private readonly TrustedServiceUrls _trusted;
    private readonly ILogger<BotHttpAdapter> _logger;

    public BotHttpAdapter(IEnumerable<IChannelConnector> connectors, TrustedServiceUrls trusted, IEnumerable<IMiddleware> middleware, ILogger<BotHttpAdapter> logger)
    {
        _connectors = connectors.ToList();
        _trusted = trusted;
        _logger = logger;
        foreach (var m in middleware) Use(m);
        OnTurnError = HandleTurnErrorAsync;
    }

    /// <summary>Runs one inbound activity through the pipeline and the bot.</summary>
    public async Task<TurnOutcome> ProcessActivityAsync(Activity activity, AuthenticationResult auth, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        // A caller id is set by us, never trusted from the wire.
        activity.CallerId = null;
        if (auth.ServiceUrlVerified && activity.ServiceUrl is { Length: > 0 } url) _trusted.Trust(url);

        var turn = new TurnContext(this, activity);
        turn.Services.Set(auth);
        turn.Services.Set(new ServiceUrlVerification(auth.ServiceUrlVerified));
        var expectReplies = activity.DeliveryMode == DeliveryModes.ExpectReplies;
        if (expectReplies) turn.Services.Set(new ReplyBuffer());

        using var span = BotTelemetry.Source.StartActivity("turn");
        span?.SetTag("trustbot.activity.type", LogValue.ActivityType(activity.Type));
        span?.SetTag("trustbot.channel", LogValue.Channel(activity.ChannelId));
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await RunPipelineAsync(turn, callback, cancellationToken).ConfigureAwait(false);
            if (turn.Services.Get<TurnFailure>() is { } failure)
            {
                outcome = failure.Kind;
                if (turn.Services.Get<ReplyBuffer>() is { } failedReplies)
                    return new TurnOutcome(failure.Status, new ExpectedReplies { Activities = failedReplies.Activities });
                // A channel reads only the status of a normal delivery: the turn already apologised
                // to the person, so acknowledge it like any other (200, empty body) unless it must be retried.
                if (failure.Status == 200 && activity.Type != ActivityTypes.Invoke) return TurnOutcome.Ok;
                return new TurnOutcome(failure.Status, new ErrorBody(failure.Message));
            }
        }
        finally
        {
            BotTelemetry.RecordTurn(Stopwatch.GetElapsedTime(started), LogValue.ActivityType(activity.Type), outcome);
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            var invoke = turn.Services.Get<InvokeResponse>();
            return invoke is null ? new TurnOutcome(501, null) : new TurnOutcome(invoke.Status, invoke.Body);
        }
        if (turn.Services.Get<ReplyBuffer>() is { } buffer)
            return new TurnOutcome(200, new ExpectedReplies { Activities = buffer.Activities });
        return TurnOutcome.Ok;
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse[activities.Count];
        var buffer = turnContext.Services.Get<ReplyBuffer>();
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            if (activity.Type == ActivityTypes.InvokeResponse)
            {
                turnContext.Services.Set(activity.Value is null
                    ? new InvokeResponse { Status = 200 }
                    : new InvokeResponse { Status = activity.Value["status"]?.GetValue<int>() ?? 200, Body = activity.Value["body"]?.DeepClone() });
                responses[i] = new ResourceResponse();
            }
            else if (buffer is not null)
            {
                activity.Id ??= UniqueIds.Next();
                buffer.Activities.Add(activity);
                responses[i] = new ResourceResponse { Id = activity.Id };
            }
            else
            {
                responses[i] = await ConnectorFor(activity.ServiceUrl, turnContext).SendAsync(activity, cancellationToken).ConfigureAwait(false);
            }
        }
        return responses;
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        ConnectorFor(activity.ServiceUrl, turnContext).UpdateAsync(activity, cancellationToken);

    public override Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken)
    {
        var a = turnContext.Activity;
        return ConnectorFor(a.ServiceUrl, turnContext).DeleteAsync(a.ServiceUrl!, a.Conversation?.Id ?? "", activityId, cancellationToken);
    }

    /// <summary>Proactive turn; a reference whose service URL was verified before a restart is trusted again.</summary>
    public override Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        if (reference.ServiceUrlVerified && reference.ServiceUrl is { Length: > 0 } url) _trusted.Trust(url);
        return base.ContinueConversationAsync(reference, callback, cancellationToken);
    }

    private IChannelConnector ConnectorFor(string? serviceUrl, ITurnContext turn)
    {
        if (string.IsNullOrEmpty(serviceUrl)) throw new ChannelSendException(400, "MissingServiceUrl", "The activity has no serviceUrl, so there is nowhere to send the reply.");
        foreach (var c in _connectors)
        {
            if (!c.Handles(serviceUrl)) continue;
            // An inbound turn from elsewhere (e.g. /api/messages) must not write into the local Direct Line's conversations.
            if (c.AnswersOnlyItsOwnTurns && turn.Services.Get<AuthenticationResult>() is { ViaLocalDirectLine: false })
                throw new ChannelSendException(403, "ForeignTurn", "Only turns that arrived through the local Direct Line may answer into its conversations.");
            return c;
        }
        throw new ChannelSendException(400, "UnknownServiceUrl", "No connector can deliver to this service URL.");
    }

    private async Task HandleTurnErrorAsync(ITurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        var storageDown = exception is StorageUnavailableException;
        // Without the person's words: exception messages can quote the input (FormatException does), so
        // only the exception's type, our own exceptions' messages and the stack trace are logged, with the
        // activity type and channel made safe for a log line.
        _logger.LogError("Turn failed for {ActivityType} on {ChannelId}: {Exception}", LogValue.ActivityType(turn.Activity.Type), LogValue.Channel(turn.Activity.ChannelId), Describe(exception));
        turn.Services.Set(storageDown
            ? new TurnFailure(503, "storage_unavailable", "Storage is unavailable; try again shortly.")
            : new TurnFailure(200, "error", "The turn failed."));
        if (turn.Activity.Type != ActivityTypes.Message) return;
        // The channel just failed to take a message: an apology would go the same way (and spend another retry budget).
        if (exception is ChannelSendException or HttpRequestException) return;
        var apology = storageDown
            ? "I can't reach my memory right now, please try again in a minute. Nothing you've done so far is lost."
            : "Sorry, something went wrong on my side. Your progress is safe: please send that again, or type menu to pick up from there.";
        try
        {
            await turn.SendActivityAsync(apology, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception sendError) when (sendError is ChannelSendException or HttpRequestException)
        {
            _logger.LogWarning(sendError, "Could not deliver the apology after a failed turn");
        }
    }

    /// <summary>Type, message only for TrustBot's own exceptions (they never quote input), and the stack, for each inner exception too.</summary>
    private static string Describe(Exception exception)
    {
        var text = new System.Text.StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (text.Length > 0) text.Append(" ---> ");
            var type = e.GetType();
            text.Append(type.FullName);
            if (type.Namespace?.StartsWith("TrustBot", StringComparison.Ordinal) == true) text.Append(": ").Append(e.Message);
            if (e.StackTrace is { } stack) text.Append('\n').Append(stack);
        }
        return text.ToString();
    }

    /// <summary>Replies collected for an <c>expectReplies</c> request.</summary>
    private sealed class ReplyBuffer
    {
        public List<Activity> Activities { get; } = [];
    }

    private sealed record TurnFailure(int Status, string Kind, string Message);
}

/// <summary>The short JSON error returned at the HTTP edge.</summary>
internal sealed record ErrorBody(string Error);
