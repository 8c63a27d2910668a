using TrustBot.Schema;

namespace TrustBot.Turns;

/// <summary>A step of the turn pipeline that runs around the bot's logic.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken);
}

/// <summary>
/// Connects the bot's logic to a channel: runs the middleware pipeline for each turn,
/// sends the bot's activities and handles errors thrown by the turn.
/// </summary>
public abstract class BotAdapter
{
    private readonly List<IMiddleware> _middleware = [];

    /// <summary>Called when a turn throws. The default rethrows.</summary>
    public Func<ITurnContext, Exception, CancellationToken, Task>? OnTurnError { get; set; }

    public BotAdapter Use(IMiddleware middleware)
    {
        _middleware.Add(middleware);
        return this;
    }

    public abstract Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    public virtual Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This channel does not support updating activities.");

    public virtual Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This channel does not support deleting activities.");

    /// <summary>
    /// Runs a proactive turn in an existing conversation: the callback sees a synthetic
    /// event activity built from the reference and can send into the conversation.
    /// </summary>
    public virtual Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        var activity = reference.ApplyTo(new Activity { Type = ActivityTypes.Event, Name = TurnContext.ContinueConversationEventName }, isIncoming: true);
        var turn = new TurnContext(this, activity);
        return RunPipelineAsync(turn, callback, cancellationToken);
    }

    /// <summary>Runs the middleware then the callback; exceptions go to <see cref="OnTurnError"/>.</summary>
    protected async Task RunPipelineAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        try
        {
            await RunMiddlewareAsync(turnContext, 0, callback, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OnTurnError is not null && ex is not OperationCanceledException)
        {
            await OnTurnError(turnContext, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task RunMiddlewareAsync(ITurnContext turn, int index, BotCallbackHandler callback, CancellationToken ct)
    {
        if (index == _middleware.Count) return callback(turn, ct);
        return _middleware[index].OnTurnAsync(turn, next => RunMiddlewareAsync(turn, index + 1, callback, next), ct);
    }
}
