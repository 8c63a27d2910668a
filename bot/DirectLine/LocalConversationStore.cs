using System.Text.Json;
using Microsoft.Extensions.Options;
using TrustBot.Schema;

namespace TrustBot.Bot.DirectLine;

/// <summary>
/// The local Direct Line's conversations, in memory and bounded in number and in bytes: at most
/// <see cref="LocalDirectLineOptions.MaxConversations"/>, one per user id so a returning visitor
/// reconnects to the conversation they had. A live conversation is never evicted to make room:
/// only idle ones and ones where the person never said anything for a while are, and otherwise a
/// new conversation is refused (the caller answers 503), so an outsider opening conversations
/// cannot end anyone else's.
/// </summary>
internal sealed class LocalConversationStore(TimeProvider clock, IOptions<LocalDirectLineOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LocalConversation> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalConversation> _byUser = new(StringComparer.Ordinal);
    private long _totalBytes;

    private TimeSpan IdleLimit => TimeSpan.FromMinutes(options.Value.IdleMinutes);

    private TimeSpan UnusedLimit => TimeSpan.FromMinutes(options.Value.UnusedMinutes);

    public int Count
    {
        get
        {
            lock (_gate) return _byId.Count;
        }
    }

    /// <summary>The bytes of activity JSON held by every conversation together.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <summary>
    /// How many bytes one conversation may keep right now: its own limit while the store is under
    /// its total budget, and only its fair share of the total once the store is over it, so the sum
    /// stays near <see cref="LocalDirectLineOptions.MaxTotalBytes"/> however the bytes are spread.
    /// </summary>
    internal long ConversationBudget
    {
        get
        {
            var limits = options.Value;
            return TotalBytes <= limits.MaxTotalBytes ? limits.MaxConversationBytes : Math.Max(1, limits.MaxTotalBytes / limits.MaxConversations);
        }
    }

    internal void CountBytes(long delta) => Interlocked.Add(ref _totalBytes, delta);

    /// <summary>The user's live conversation, a new one (<c>Created</c> true), or null when the store is full of live conversations.</summary>
    public (LocalConversation Conversation, bool Created)? GetOrCreate(string userId)
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
            if (_byId.Count >= options.Value.MaxConversations && !MakeRoomLocked(now)) return null;

            var conversation = new LocalConversation(RandomId.New(), userId, options.Value, this, clock);
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

    /// <summary>A conversation where the person never posted anything for a while: a page opened and left, or a flood.</summary>
    private bool IsUnused(LocalConversation conversation, DateTimeOffset now) => !conversation.PersonSpoke && now - conversation.Created >= UnusedLimit;

    /// <summary>Forgets idle and unused conversations; false when every conversation is still live.</summary>
    private bool MakeRoomLocked(DateTimeOffset now)
    {
        foreach (var stale in _byId.Values.Where(c => IsIdle(c, now) || IsUnused(c, now)).ToList()) RemoveLocked(stale);
        return _byId.Count < options.Value.MaxConversations;
    }

    private void RemoveLocked(LocalConversation conversation)
    {
        _byId.Remove(conversation.Id);
        if (_byUser.TryGetValue(conversation.UserId, out var current) && ReferenceEquals(current, conversation)) _byUser.Remove(conversation.UserId);
        conversation.End();
    }
}

/// <summary>
/// One conversation's activity history, kept as UTF-8 JSON and bounded by count and bytes (the
/// oldest go first). Each appended activity gets the next sequence number under a lock, and the
/// watermark a client holds is the last sequence number it saw, so a client polling with its
/// watermark gets every activity exactly once and in order, one bounded page at a time.
/// </summary>
internal sealed class LocalConversation
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Sequence, byte[] Json)> _activities = new();
    private readonly LocalDirectLineOptions _limits;
    private readonly LocalConversationStore _store;
    private readonly TimeProvider _clock;
    private long _lastSequence;
    private long _bytes;
    private long _lastActiveTicks;
    private int _streams;
    private TaskCompletionSource _changed = NewSignal();

    internal LocalConversation(string id, string userId, LocalDirectLineOptions limits, LocalConversationStore store, TimeProvider clock)
    {
        Id = id;
        UserId = userId;
        _limits = limits;
        _store = store;
        _clock = clock;
        Created = clock.GetUtcNow();
        Touch(Created);
    }

    public string Id { get; }

    /// <summary>The only user id allowed to read or write this conversation.</summary>
    public string UserId { get; }

    public DateTimeOffset Created { get; }

    /// <summary>True once the person posted an activity (not only opened the conversation).</summary>
    public bool PersonSpoke { get; private set; }

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

    /// <summary>Bytes of activity JSON this conversation holds.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate) return _bytes;
        }
    }

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    internal void MarkPersonSpoke() => PersonSpoke = true;

    /// <summary>Takes one of the conversation's stream slots; false when all are in use.</summary>
    internal bool TryOpenStream()
    {
        if (Interlocked.Increment(ref _streams) <= _limits.MaxStreamsPerConversation) return true;
        Interlocked.Decrement(ref _streams);
        return false;
    }

    internal void CloseStream() => Interlocked.Decrement(ref _streams);

    internal void End()
    {
        lock (_gate)
        {
            if (Ended) return;
            Ended = true;
            _activities.Clear();
            _store.CountBytes(-_bytes);
            _bytes = 0;
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
            if (!Ended)
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Default.Activity);
                _activities.Enqueue((sequence, json));
                Count(json.Length);
                var budget = _store.ConversationBudget;
                // The newest activity always stays, even alone over the budget, so the person sees the latest answer.
                while (_activities.Count > 1 && (_activities.Count > _limits.MaxActivitiesPerConversation || _bytes > budget))
                    Count(-_activities.Dequeue().Json.Length);
            }
            changed = _changed;
            _changed = NewSignal();
        }
        Touch(_clock.GetUtcNow());
        changed.TrySetResult();
        return id;
    }

    private void Count(long delta)
    {
        _bytes += delta;
        _store.CountBytes(delta);
    }

    /// <summary>
    /// One page of the activities after the watermark (at most <paramref name="maxCount"/> and, beyond
    /// the first, <paramref name="maxBytes"/>) and the watermark to ask with next: the last one returned,
    /// or the newest when nothing is left.
    /// </summary>
    public (IReadOnlyList<byte[]> Activities, long Watermark) ReadAfter(long watermark, int maxCount, int maxBytes)
    {
        lock (_gate)
        {
            var result = new List<byte[]>();
            long bytes = 0;
            foreach (var (sequence, json) in _activities)
            {
                if (sequence <= watermark) continue;
                if (result.Count > 0 && (result.Count >= maxCount || bytes + json.Length > maxBytes)) return (result, sequence - 1);
                result.Add(json);
                bytes += json.Length;
            }
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
