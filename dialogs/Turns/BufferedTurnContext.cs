using TrustBot.Schema;

namespace TrustBot.Turns;

/// <summary>
/// Holds a turn's outgoing activities until the turn's state is saved, so a turn retried after a
/// storage conflict never sends anything twice, and a failed turn sends nothing half-done.
/// </summary>
internal sealed class BufferedTurnContext(ITurnContext inner) : ITurnContext
{
    private readonly List<Activity> _pending = [];
    private readonly List<Activity> _sent = [];

    public BotAdapter Adapter => inner.Adapter;
    public Activity Activity => inner.Activity;
    public TurnServices Services { get; } = new(inner.Services);
    public bool Responded { get; private set; }
    public IReadOnlyList<Activity> SentActivities => _sent;

    public Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var a = activities[i];
            a.Type ??= ActivityTypes.Message;
            _pending.Add(a);
            _sent.Add(a);
            if (a.Type == ActivityTypes.Message) Responded = true;
            responses[i] = new ResourceResponse();
        }
        return Task.FromResult(responses);
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken) => inner.UpdateActivityAsync(activity, cancellationToken);

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken) => inner.DeleteActivityAsync(activityId, cancellationToken);

    /// <summary>Sends everything held, in order.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0) return;
        var batch = _pending.ToArray();
        _pending.Clear();
        await inner.SendActivitiesAsync(batch, cancellationToken).ConfigureAwait(false);
    }
}
