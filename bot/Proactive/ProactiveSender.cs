using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Hosting;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Bot.Proactive;

/// <summary>
/// Sends the messages the bot starts on its own. Each tick reads only the due-time index partitions of
/// the minutes since the last tick (at most <see cref="CatchUpMinutes"/> back), claims each row with an
/// ETag-conditional write so that several instances over one storage send each message once,
/// re-validates it against the person's profile, sends it to their last conversation, records it and
/// schedules the next one.
/// </summary>
public sealed class ProactiveSender : BackgroundService
{
    /// <summary>How far back a tick looks when the previous one was missed.</summary>
    public const int CatchUpMinutes = 15;

    /// <summary>
    /// How far back the first tick after a start looks, so messages due while no instance ran are still
    /// sent (or, when too late, rescheduled); matches how late a message may still go out.
    /// </summary>
    public const int StartupCatchUpMinutes = 180;

    private const int MaxRowsPerMinute = 1000;

    /// <summary>Due rows processed at once in a tick (bench/scheduler: two instances over Azurite).</summary>
    private const int RowsAtOnce = 16;
    private const int MaxProfileAttempts = 3;

    private readonly IStorage _storage;
    private readonly BotAdapter _adapter;
    private readonly TimeProvider _clock;
    private readonly ProactiveOptions _options;
    private readonly ReminderRules _rules;
    private readonly ILogger<ProactiveSender> _logger;
    private readonly TokenBucket _bucket;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private DateTimeOffset? _lastScannedMinute;

    public ProactiveSender(IStorage storage, BotAdapter adapter, TimeProvider clock, IOptions<ProactiveOptions> options, ReminderRules rules, ILogger<ProactiveSender> logger)
    {
        _storage = storage;
        _adapter = adapter;
        _clock = clock;
        _options = options.Value;
        _rules = rules;
        _logger = logger;
        _bucket = new TokenBucket(_options.MaxSendsPerSecond, clock);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.TickSeconds), _clock);
        do
        {
            try
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException ex)
            {
                // The next tick catches up on the minutes this one could not read.
                _logger.LogWarning(ex, "Proactive tick skipped: storage unavailable");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Processes every due row of the minutes since the last tick. Returns how many messages were sent.</summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var current = FloorToMinute(now);
        var lookBack = _lastScannedMinute is null ? StartupCatchUpMinutes : CatchUpMinutes;
        var first = _lastScannedMinute ?? current.AddMinutes(-lookBack);
        if (first < current.AddMinutes(-lookBack)) first = current.AddMinutes(-lookBack);
        var sent = 0;
        // The current minute is read again next tick: a row written into it after this read is not missed.
        for (var minute = first; minute <= current; minute = minute.AddMinutes(1))
        {
            var rows = await _storage.QueryAsync(DueIndex.PartitionFor(minute), "", MaxRowsPerMinute, cancellationToken).ConfigureAwait(false);
            // Each row is claimed by its own conditional write, so rows go side by side: one send takes several
            // storage round trips, and one at a time would cap the send rate far below MaxSendsPerSecond.
            await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = RowsAtOnce, CancellationToken = cancellationToken }, async (row, ct) =>
            {
                try
                {
                    if (await ProcessAsync(row.Key, row.Value, ct).ConfigureAwait(false)) Interlocked.Increment(ref sent);
                }
                catch (StorageConflictException)
                {
                    // The person's turns kept changing the profile; their next turn reschedules from it.
                    _logger.LogWarning("Proactive row left for the person's next turn after repeated profile conflicts");
                }
            }).ConfigureAwait(false);
        }
        _lastScannedMinute = current;
        return sent;
    }

    private async Task<bool> ProcessAsync(StorageKey key, StoreItem item, CancellationToken cancellationToken)
    {
        DueEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(item.Json, ProactiveJson.Default.DueEntry);
        }
        catch (JsonException)
        {
            entry = null;
        }
        if (entry is null || string.IsNullOrEmpty(entry.Person))
        {
            await _storage.WriteAsync([new StorageWrite(key, null, ETags.Any)], cancellationToken).ConfigureAwait(false);
            return false;
        }
        if (entry.ClaimedBy is not null) return false;
        if (entry.DueAt > _clock.GetUtcNow()) return false;

        entry.ClaimedBy = _instance;
        try
        {
            await _storage.WriteAsync([new StorageWrite(key, JsonSerializer.Serialize(entry, ProactiveJson.Default.DueEntry), item.ETag)], cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // Another instance claimed it first (or the person's turn moved it).
            return false;
        }
        return await SendClaimedAsync(key, entry, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> SendClaimedAsync(StorageKey key, DueEntry entry, CancellationToken cancellationToken)
    {
        var person = entry.Person;
        var userKey = new StorageKey(person, "user");
        var referenceKey = new StorageKey(person, RecordKinds.Reference);
        var items = await _storage.ReadAsync([userKey, referenceKey], cancellationToken).ConfigureAwait(false);
        var profile = items.TryGetValue(userKey, out var userItem) ? ReadProfile(userItem) : null;
        if (profile is null || profile.ScheduledDueKey != key.Partition)
        {
            // Erased, or the index row outlived a schedule change: the profile is the truth.
            await _storage.WriteAsync([new StorageWrite(key, null, ETags.Any)], cancellationToken).ConfigureAwait(false);
            return false;
        }

        var now = _clock.GetUtcNow();
        if (!ReminderSchedule.IsStillDue(profile, entry.Kind, entry.DueAt, now, _rules))
        {
            await UpdateProfileAsync(person, key, userItem, _ => { }, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Proactive {Kind} no longer due; rescheduled", entry.Kind);
            return false;
        }
        if (!items.TryGetValue(referenceKey, out var referenceItem) || ReadReference(referenceItem) is not { } reference)
        {
            await UpdateProfileAsync(person, key, userItem, p => p.ScheduledDueKey = p.ScheduledKind = null, cancellationToken, reschedule: false).ConfigureAwait(false);
            return false;
        }

        var message = new DueMessage(entry.Kind, entry.DueAt, entry.Milestone);
        var rememberedWin = entry.Milestone == MilestoneKind.WinRemembered ? await OlderWinAsync(person, now, cancellationToken).ConfigureAwait(false) : null;
        var activity = ProactiveMessages.Create(profile, message, now, rememberedWin);

        await _bucket.WaitAsync(cancellationToken).ConfigureAwait(false);
        var failure = await SendAsync(reference, activity, cancellationToken).ConfigureAwait(false);
        switch (failure)
        {
            case null:
                await UpdateProfileAsync(person, key, userItem, p => RecordSent(p, message, now), cancellationToken).ConfigureAwait(false);
                BotTelemetry.Source.StartActivity("proactive.sent")?.SetTag("trustbot.proactive.kind", entry.Kind.ToString()).Dispose();
                _logger.LogInformation("Proactive {Kind} sent", entry.Kind);
                return true;
            case ChannelSendException { IsBlocked: true } blocked:
                _logger.LogInformation("Proactive {Kind} refused by the channel ({Code}); no more proactive messages until the person writes", entry.Kind, blocked.Code);
                await UpdateProfileAsync(person, key, userItem, p => p.ChannelBlocked = true, cancellationToken).ConfigureAwait(false);
                return false;
            case ChannelSendException { IsGone: true }:
                _logger.LogInformation("Proactive {Kind}: the conversation no longer exists; reference dropped", entry.Kind);
                await UpdateProfileAsync(person, key, userItem, p =>
                {
                    p.LastConversationKey = null;
                    p.ScheduledDueKey = p.ScheduledKind = null;
                }, cancellationToken, reschedule: false, dropReference: true).ConfigureAwait(false);
                return false;
            default:
                // Not sent this time; the schedule moves on to the next message.
                _logger.LogWarning(failure, "Proactive {Kind} could not be delivered", entry.Kind);
                await UpdateProfileAsync(person, key, userItem, _ => { }, cancellationToken).ConfigureAwait(false);
                return false;
        }
    }

    /// <summary>Sends in a proactive turn; the adapter's error handler would swallow failures, so they are caught here.</summary>
    private async Task<Exception?> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        await _adapter.ContinueConversationAsync(reference, async (turn, ct) =>
        {
            try
            {
                await turn.SendActivityAsync(activity, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ChannelSendException or HttpRequestException or TimeoutException)
            {
                failure = ex;
            }
        }, cancellationToken).ConfigureAwait(false);
        return failure;
    }

    private static void RecordSent(JourneyProfile profile, DueMessage message, DateTimeOffset now)
    {
        profile.LastProactiveAt = now;
        switch (message.Kind)
        {
            case ProactiveKind.CheckInReminder:
                profile.LastReminderAt = now;
                break;
            case ProactiveKind.TalkReminder:
                profile.TalkRemindedFor = profile.PlannedTalkAt;
                break;
            case ProactiveKind.Nudge:
                profile.LastNudgeAt = now;
                break;
            case ProactiveKind.Milestone when message.Milestone == MilestoneKind.StepDone:
                profile.CelebratedSteps = profile.StepsDone.Count;
                break;
            case ProactiveKind.Milestone when message.Milestone == MilestoneKind.Streak:
                profile.CelebratedStreak = ReminderSchedule.StreakToCelebrate(profile);
                break;
            case ProactiveKind.Milestone:
                profile.LastWinRememberedAt = now;
                break;
        }
    }

    /// <summary>
    /// Changes the person's profile with an ETag-conditional write (re-read and retried on conflict) and
    /// moves their due-time index row in the same write call.
    /// </summary>
    private async Task UpdateProfileAsync(string person, StorageKey processed, StoreItem? read, Action<JourneyProfile> change, CancellationToken cancellationToken, bool reschedule = true, bool dropReference = false)
    {
        var userKey = new StorageKey(person, "user");
        for (var attempt = 1; ; attempt++)
        {
            // The first attempt writes on the ETag of the row this tick already read; a conflict reads it again.
            var item = read;
            read = null;
            if (item is null && !(await _storage.ReadAsync([userKey], cancellationToken).ConfigureAwait(false)).TryGetValue(userKey, out item)) return;
            if (ReadProfile(item) is not { } profile || JsonNode.Parse(item.Json) is not JsonObject document) return;
            change(profile);
            // The person's partition comes first: when its condition fails nothing else needs applying.
            var writes = new List<StorageWrite>();
            var indexWrites = new List<StorageWrite>();
            if (reschedule)
            {
                // Always a fresh row: the processed one is claimed and must not be left as the schedule.
                profile.ScheduledDueKey = profile.ScheduledKind = null;
                indexWrites.AddRange(DueIndex.Reschedule(profile, person, _clock.GetUtcNow(), _rules));
            }
            if (!indexWrites.Any(w => w.Key == processed)) indexWrites.Add(new StorageWrite(processed, null, ETags.Any));
            document["profile"] = JsonSerializer.SerializeToNode(profile, JourneyJson.Default.JourneyProfile);
            writes.Add(new StorageWrite(userKey, document.ToJsonString(), item.ETag));
            if (dropReference) writes.Add(new StorageWrite(new StorageKey(person, RecordKinds.Reference), null, ETags.Any));
            writes.AddRange(indexWrites);
            try
            {
                await _storage.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StorageConflictException) when (attempt < MaxProfileAttempts)
            {
                // The person's own turn saved in between: apply the change to what it wrote.
            }
        }
    }

    private async Task<string?> OlderWinAsync(string person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await _storage.QueryAsync(person, RecordKinds.Win + "/", 200, cancellationToken).ConfigureAwait(false);
        var cutoff = now.AddDays(-_rules.WinRememberDays * 3 / 4);
        foreach (var (_, item) in rows)
        {
            try
            {
                if (JsonSerializer.Deserialize(item.Json, JourneyJson.Default.WinRecord) is { } win && win.At <= cutoff && !string.IsNullOrWhiteSpace(win.Text))
                    return win.Text;
            }
            catch (JsonException)
            {
                // A damaged record is simply not remembered.
            }
        }
        return null;
    }

    private static JourneyProfile? ReadProfile(StoreItem item)
    {
        try
        {
            return JsonNode.Parse(item.Json)?["profile"] is JsonNode node ? node.Deserialize(JourneyJson.Default.JourneyProfile) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConversationReference? ReadReference(StoreItem item)
    {
        try
        {
            return JsonSerializer.Deserialize(item.Json, JourneyJson.Default.ConversationReference);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset FloorToMinute(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}

/// <summary>At most <c>rate</c> sends a second, with bursts up to the same number.</summary>
internal sealed class TokenBucket(int rate, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private double _tokens = rate;
    private long _last = clock.GetTimestamp();

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                _tokens = Math.Min(rate, _tokens + clock.GetElapsedTime(_last, now).TotalSeconds * rate);
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / rate);
            }
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
