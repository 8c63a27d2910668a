using System.Text.Json;
using Microsoft.Extensions.Options;
using TrustBot.Schema;

namespace TrustBot.Bot.DirectLine;

/// <summary>
/// The local Direct Line's conversations, in memory and bounded: at most
/// <see cref="LocalDirectLineOptions.MaxConversations"/>, idle ones forgotten, one per user id
/// so a returning visitor reconnects to the conversation they had.
/// </summary>
public sealed class LocalConversationStore(TimeProvider clock, IOptions<LocalDirectLineOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LocalConversation> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalConversation> _byUser = new(StringComparer.Ordinal);

    private TimeSpan IdleLimit => TimeSpan.FromMinutes(options.Value.IdleMinutes);

    public int Count
    {
        get
        {
            lock (_gate) return _byId.Count;
        }
    }

    /// <summary>The user's live conversation, or a new one (<c>Created</c> true).</summary>
    public (LocalConversation Conversation, bool Created) GetOrCreate(string userId)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_byUser.TryGetValue(userId, out var existing) && !IsIdle(existing, now))
            {
                existing.Touch(now);
                return (existing, false);
            }
            if (existing is not null) RemoveLocked(existing);
            if (_byId.Count >= options.Value.MaxConversations) EvictLocked(now);

            var conversation = new LocalConversation(RandomId.New(), userId, options.Value.MaxActivitiesPerConversation, clock);
            _byId[conversation.Id] = conversation;
            _byUser[userId] = conversation;
            return (conversation, true);
        }
    }

    /// <summary>The conversation, or null when unknown or forgotten for being idle.</summary>
    public LocalConversation? Find(string conversationId)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_byId.TryGetValue(conversationId, out var conversation)) return null;
            if (IsIdle(conversation, now))
            {
                RemoveLocked(conversation);
                return null;
            }
            conversation.Touch(now);
            return conversation;
        }
    }

    private bool IsIdle(LocalConversation conversation, DateTimeOffset now) => now - conversation.LastActive >= IdleLimit;

    private void EvictLocked(DateTimeOffset now)
    {
        foreach (var idle in _byId.Values.Where(c => IsIdle(c, now)).ToList()) RemoveLocked(idle);
        if (_byId.Count < options.Value.MaxConversations) return;
        // Still full of live conversations: the least recently used one makes room.
        RemoveLocked(_byId.Values.MinBy(c => c.LastActive)!);
    }

    private void RemoveLocked(LocalConversation conversation)
    {
        _byId.Remove(conversation.Id);
        if (_byUser.TryGetValue(conversation.UserId, out var current) && ReferenceEquals(current, conversation)) _byUser.Remove(conversation.UserId);
        conversation.End();
    }
}

/// <summary>
/// One conversation's activity history. Each appended activity gets the next sequence number
/// under a lock, and the watermark a client holds is the last sequence number it saw, so a
/// client polling with its watermark gets every activity exactly once and in order.
/// </summary>
public sealed class LocalConversation
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Sequence, string Json)> _activities = new();
    private readonly int _capacity;
    private readonly TimeProvider _clock;
    private long _lastSequence;
    private long _lastActiveTicks;
    private TaskCompletionSource _changed = NewSignal();

    internal LocalConversation(string id, string userId, int capacity, TimeProvider clock)
    {
        Id = id;
        UserId = userId;
        _capacity = capacity;
        _clock = clock;
        Touch(clock.GetUtcNow());
    }

    public string Id { get; }

    /// <summary>The only user id allowed to read or write this conversation.</summary>
    public string UserId { get; }

    /// <summary>Runs one turn at a time, so replies follow the message they answer.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);

    public bool Ended { get; private set; }

    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    public long Watermark
    {
        get
        {
            lock (_gate) return _lastSequence;
        }
    }

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    internal void End()
    {
        lock (_gate)
        {
            Ended = true;
            _changed.TrySetResult();
        }
    }

    /// <summary>Stamps the activity with its id and timestamp and adds it to the history; returns the id.</summary>
    public string Append(Activity activity)
    {
        TaskCompletionSource changed;
        string id;
        lock (_gate)
        {
            var sequence = ++_lastSequence;
            id = $"{Id}|{sequence:D7}";
            activity.Id = id;
            activity.Timestamp ??= _clock.GetUtcNow();
            _activities.Enqueue((sequence, JsonSerializer.Serialize(activity, ProtocolJson.Default.Activity)));
            while (_activities.Count > _capacity) _activities.Dequeue();
            changed = _changed;
            _changed = NewSignal();
        }
        Touch(_clock.GetUtcNow());
        changed.TrySetResult();
        return id;
    }

    /// <summary>Activities after the watermark (as JSON) and the new watermark.</summary>
    public (IReadOnlyList<string> Activities, long Watermark) ReadAfter(long watermark)
    {
        lock (_gate)
        {
            var result = new List<string>();
            foreach (var (sequence, json) in _activities)
                if (sequence > watermark) result.Add(json);
            return (result, Math.Max(_lastSequence, 0));
        }
    }

    /// <summary>Completes when an activity arrives after <paramref name="watermark"/> or the conversation ends.</summary>
    public Task WaitForActivityAfterAsync(long watermark, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lastSequence > watermark || Ended) return Task.CompletedTask;
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
