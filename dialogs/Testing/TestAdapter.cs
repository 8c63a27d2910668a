using System.Collections.Concurrent;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Testing;

/// <summary>
/// An in-process adapter for conversation tests: activities sent by the test run through the real
/// pipeline; the bot's replies are queued for the test to read.
/// </summary>
internal sealed class TestAdapter : BotAdapter
{
    private readonly ConcurrentQueue<Activity> _replies = new();
    private int _nextId;

    public TestAdapter(TimeProvider? clock = null, string channelId = Channels.Test)
    {
        Clock = clock ?? TimeProvider.System;
        Conversation = new ConversationReference
        {
            ChannelId = channelId,
            ServiceUrl = "https://test.trustbot.invalid/",
            User = new ChannelAccount { Id = "user1", Name = "Sam", Role = RoleTypes.User },
            Bot = new ChannelAccount { Id = "bot", Name = "TrustBot", Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = "conversation1", ConversationType = "personal" },
            Locale = "en-US",
        };
    }

    /// <summary>The clock that stamps activities.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The conversation the test talks in; change it to simulate another person or channel.</summary>
    public ConversationReference Conversation { get; set; }

    /// <summary>Values copied onto every activity the test sends (e.g. localTimezone, entities).</summary>
    public Action<Activity>? Decorate { get; set; }

    /// <summary>Every activity the bot sent, in order.</summary>
    public List<Activity> Sent { get; } = [];

    /// <summary>Runs one activity from the person through the pipeline.</summary>
    public Task ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        activity.Type ??= ActivityTypes.Message;
        activity.ChannelId ??= Conversation.ChannelId;
        activity.ServiceUrl ??= Conversation.ServiceUrl;
        activity.From ??= Conversation.User;
        activity.Recipient ??= Conversation.Bot;
        activity.Conversation ??= Conversation.Conversation;
        activity.Locale ??= Conversation.Locale;
        activity.Id ??= "in-" + Interlocked.Increment(ref _nextId);
        activity.Timestamp ??= Clock.GetUtcNow();
        Decorate?.Invoke(activity);
        return RunPipelineAsync(new TurnContext(this, activity), callback, cancellationToken);
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var a = activities[i];
            a.Id ??= "out-" + Interlocked.Increment(ref _nextId);
            a.Timestamp ??= Clock.GetUtcNow();
            lock (Sent) Sent.Add(a);
            if (a.Type != ActivityTypes.InvokeResponse) _replies.Enqueue(a);
            responses[i] = new ResourceResponse { Id = a.Id };
        }
        return Task.FromResult(responses);
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceResponse { Id = activity.Id });

    public override Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Takes the next reply, or null when the bot has sent nothing more.</summary>
    public Activity? NextReply() => _replies.TryDequeue(out var a) ? a : null;

    /// <summary>Drops replies not yet read.</summary>
    public void ClearReplies() => _replies.Clear();
}
