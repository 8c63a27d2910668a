using TrustBot.Schema;

namespace TrustBot.Turns;

/// <summary>Handles one turn of conversation.</summary>
public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);

/// <summary>The bot's logic, run once per inbound activity.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>One turn: the inbound activity, the way to answer it and a bag of per-turn services.</summary>
public interface ITurnContext
{
    BotAdapter Adapter { get; }

    /// <summary>The inbound activity of this turn.</summary>
    Activity Activity { get; }

    /// <summary>Per-turn services and cached values (state, the person's profile, ...).</summary>
    TurnServices Services { get; }

    /// <summary>True once the bot has sent at least one message activity this turn.</summary>
    bool Responded { get; }

    /// <summary>Activities sent during this turn, in order (read-only view).</summary>
    IReadOnlyList<Activity> SentActivities { get; }

    Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken);
}

/// <summary>Per-turn service bag keyed by type.</summary>
public sealed class TurnServices(TurnServices? parent = null)
{
    private readonly Dictionary<object, object> _items = [];

    public void Set<T>(T value) where T : class => _items[typeof(T)] = value;

    public T? Get<T>() where T : class => _items.TryGetValue(typeof(T), out var v) ? (T)v : parent?.Get<T>();

    /// <summary>Stores a value under a key of the caller's choosing (e.g. one entry per state scope).</summary>
    public void Set(object key, object value) => _items[key] = value;

    /// <summary>Reads a value stored with <see cref="Set(object, object)"/>.</summary>
    public T? Get<T>(object key) where T : class => _items.TryGetValue(key, out var v) ? (T)v : parent?.Get<T>(key);

    public void Remove(object key) => _items.Remove(key);

    public T GetRequired<T>() where T : class =>
        Get<T>() ?? throw new InvalidOperationException($"{typeof(T).Name} is not available in this turn; register it in the adapter's middleware.");
}

public static class TurnContextExtensions
{
    /// <summary>Sends one activity, filling in routing fields from the inbound activity.</summary>
    public static async Task<ResourceResponse> SendActivityAsync(this ITurnContext turn, Activity activity, CancellationToken cancellationToken)
    {
        var responses = await turn.SendActivitiesAsync([activity], cancellationToken).ConfigureAwait(false);
        return responses.Length > 0 ? responses[0] : new ResourceResponse();
    }

    /// <summary>Sends a plain text message.</summary>
    public static Task<ResourceResponse> SendActivityAsync(this ITurnContext turn, string text, CancellationToken cancellationToken) =>
        turn.SendActivityAsync(Activity.CreateMessage(text), cancellationToken);
}
