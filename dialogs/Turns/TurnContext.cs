using TrustBot.Schema;

namespace TrustBot.Turns;

/// <summary>The default turn context: routes sends through the adapter.</summary>
public sealed class TurnContext : ITurnContext
{
    private readonly List<Activity> _sent = [];

    public TurnContext(BotAdapter adapter, Activity activity)
    {
        Adapter = adapter;
        Activity = activity;
    }

    public BotAdapter Adapter { get; }
    public Activity Activity { get; }
    public TurnServices Services { get; } = new();
    public bool Responded { get; private set; }
    public IReadOnlyList<Activity> SentActivities => _sent;

    public async Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        if (activities.Count == 0) return [];
        var reference = Activity.GetConversationReference();
        foreach (var a in activities)
        {
            reference.ApplyTo(a);
            a.Type ??= ActivityTypes.Message;
            // A proactive turn has no inbound message to reply to.
            if (Activity.Type == ActivityTypes.Event && Activity.Name == ContinueConversationEventName) a.ReplyToId = null;
        }

        var responses = await Adapter.SendActivitiesAsync(this, activities, cancellationToken).ConfigureAwait(false);
        foreach (var a in activities)
        {
            _sent.Add(a);
            if (a.Type == ActivityTypes.Message) Responded = true;
        }
        return responses;
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        Activity.GetConversationReference().ApplyTo(activity);
        return Adapter.UpdateActivityAsync(this, activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken) =>
        Adapter.DeleteActivityAsync(this, activityId, cancellationToken);

    /// <summary>The name of the synthetic event a proactive turn starts with.</summary>
    public const string ContinueConversationEventName = "ContinueConversation";
}
