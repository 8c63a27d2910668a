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
    // A turn keeps about ten services: two small arrays searched in order cost less than a dictionary and its resizes.
    private object[] _keys = new object[8];
    private object[] _values = new object[8];
    private int _count;

    public void Set<T>(T value) where T : class => Set(typeof(T), value);

    public T? Get<T>() where T : class => Get<T>(typeof(T));

    /// <summary>Stores a value under a key of the caller's choosing (e.g. one entry per state scope).</summary>
    public void Set(object key, object value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            _values[i] = value;
            return;
        }
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }
        _keys[_count] = key;
        _values[_count++] = value;
    }

    /// <summary>Reads a value stored with <see cref="Set(object, object)"/>.</summary>
    public T? Get<T>(object key) where T : class => IndexOf(key) is >= 0 and var i ? (T)_values[i] : parent?.Get<T>(key);

    public void Remove(object key)
    {
        var i = IndexOf(key);
        if (i < 0) return;
        _count--;
        Array.Copy(_keys, i + 1, _keys, i, _count - i);
        Array.Copy(_values, i + 1, _values, i, _count - i);
        _keys[_count] = null!;
        _values[_count] = null!;
    }

    private int IndexOf(object key)
    {
        for (var i = 0; i < _count; i++)
            if (_keys[i].Equals(key)) return i;
        return -1;
    }

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
