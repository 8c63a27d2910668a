using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Hosting;
using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Bot.Proactive;

/// <summary>
/// Sends the messages the bot starts on its own. Each tick reads only the due-time index partitions of
/// the minutes since the last tick (at most <see cref="CatchUpMinutes"/> back), claims each row
/// (<see cref="DueRowClaims"/>), re-validates it against the person's profile, sends it to their last
/// conversation (<see cref="ProactiveDelivery"/>) and records it and schedules the next one
/// (<see cref="ProactiveRescheduler"/>, for a whole claim at once).
/// </summary>
internal sealed class ProactiveSender : BackgroundService
{
    /// <summary>How far back a tick looks when the previous one was missed.</summary>
    public const int CatchUpMinutes = 15;

    /// <summary>
    /// How far back the first tick after a start looks, so messages due while no instance ran are still
    /// sent (or, when too late, rescheduled); matches how late a message may still go out.
    /// </summary>
    public const int StartupCatchUpMinutes = 180;

    private const int MaxRowsPerMinute = 1000;

    /// <summary>Due rows processed at once in a tick (measured by TrustBot.Bench scheduler: two instances over Azurite).</summary>
    private const int RowsAtOnce = 16;

    /// <summary>
    /// Rows claimed by one write: two rounds of <see cref="RowsAtOnce"/>, well inside one entity group transaction
    /// (100), so a claim stays all-or-nothing; claiming row by row cost one storage call per message.
    /// </summary>
    private const int ClaimsAtOnce = 2 * RowsAtOnce;

    private const int MaxClaimConflictsPerMinute = 200;

    private readonly IStorage _storage;
    private readonly TimeProvider _clock;
    private readonly ProactiveOptions _options;
    private readonly ReminderRules _rules;
    private readonly ILogger<ProactiveSender> _logger;
    private readonly ProfileStore _profiles;
    private readonly DueRowClaims _claims;
    private readonly ProactiveDelivery _delivery;
    private readonly ProactiveRescheduler _rescheduler;
    private DateTimeOffset? _lastScannedMinute;

    public ProactiveSender(IStorage storage, BotAdapter adapter, TimeProvider clock, IOptions<ProactiveOptions> options, ReminderRules rules, ILogger<ProactiveSender> logger)
    {
        _storage = storage;
        _clock = clock;
        _options = options.Value;
        _rules = rules;
        _logger = logger;
        _profiles = new ProfileStore(storage);
        _claims = new DueRowClaims(storage, clock);
        _delivery = new ProactiveDelivery(adapter, new TokenBucket(_options.MaxSendsPerSecond, clock));
        _rescheduler = new ProactiveRescheduler(_profiles, clock, rules, logger);
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
            sent += await SendMinuteAsync(DueIndex.PartitionFor(minute), cancellationToken).ConfigureAwait(false);
        _lastScannedMinute = current;
        return sent;
    }

    /// <summary>
    /// Claims the due rows of one index minute a batch at a time (one conditional removal per batch, see
    /// <see cref="DueRowClaims.TryClaimAsync"/>) and sends each batch's messages side by side. Instances start
    /// at different places in the minute, so they rarely race for the same batch; the loser of a race reads the
    /// minute again and goes on with what is left from another place.
    /// </summary>
    private async Task<int> SendMinuteAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = await _storage.QueryAsync(partition, "", MaxRowsPerMinute, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0) return 0;
        var start = Random.Shared.Next(rows.Count);
        var settled = new HashSet<StorageKey>();
        var sent = 0;
        for (var conflicts = 0; ;)
        {
            var open = rows.Skip(start).Concat(rows.Take(start)).Where(r => !settled.Contains(r.Key));
            var batch = await _claims.TryClaimAsync(open, ClaimsAtOnce, cancellationToken).ConfigureAwait(false);
            settled.UnionWith(batch.Settled);
            if (batch.Conflict)
            {
                // Each conflict means someone else changed a row (and a claimed row is settled on the next read), so
                // this ends; the bound only guards against a storage that never agrees.
                if (++conflicts > MaxClaimConflictsPerMinute)
                {
                    _logger.LogWarning("Proactive claims of one minute kept conflicting; its remaining rows are left to other instances");
                    return sent;
                }
                rows = await _storage.QueryAsync(partition, "", MaxRowsPerMinute, cancellationToken).ConfigureAwait(false);
                // The other instance is claiming just where this one was going: carrying on from there would meet it at
                // every claim (each a refused transaction and another read of the minute), so go on from somewhere else.
                start = rows.Count == 0 ? 0 : Random.Shared.Next(rows.Count);
                continue;
            }
            if (batch.Claimed.Count == 0) return sent;

            // One send takes several storage round trips; one at a time would cap the rate far below MaxSendsPerSecond.
            var changes = new ConcurrentBag<ScheduleChange>();
            // A person has one row per minute, except for a row under the key's old escaped form next to a new one: one message.
            var once = batch.Claimed.GroupBy(c => c.Entry.Person, StringComparer.Ordinal).Select(g => g.First());
            await Parallel.ForEachAsync(once, new ParallelOptions { MaxDegreeOfParallelism = RowsAtOnce, CancellationToken = cancellationToken }, async (claimed, ct) =>
            {
                var (delivered, change) = await SendClaimedAsync(claimed.Key, claimed.Entry, ct).ConfigureAwait(false);
                if (delivered) Interlocked.Increment(ref sent);
                if (change is not null) changes.Add(change);
            }).ConfigureAwait(false);
            // What became of the claim's messages is written together (next rows in one call); the claim already removed the rows.
            await _rescheduler.ApplyAsync([.. changes], RowsAtOnce, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the message of one claimed row when the profile still wants it. Returns whether it went out, and what to record
    /// in the profile (null when there is nothing to record: the claim removed the row, which is all it needed).
    /// </summary>
    private async Task<(bool Sent, ScheduleChange? Change)> SendClaimedAsync(StorageKey key, DueEntry entry, CancellationToken cancellationToken)
    {
        var person = entry.Person;
        var (profile, reference, stored) = await _profiles.ReadWithReferenceAsync(person, cancellationToken).ConfigureAwait(false);
        if (profile is null || profile.ScheduledDueKey != key.Partition)
        {
            // Erased, or the index row outlived a schedule change: the profile is the truth.
            return (false, null);
        }

        var now = _clock.GetUtcNow();
        if (!ReminderSchedule.IsStillDue(profile, entry.Kind, entry.DueAt, now, _rules))
        {
            _logger.LogInformation("Proactive {Kind} no longer due; rescheduled", entry.Kind);
            return (false, _rescheduler.MoveOn(person, stored));
        }
        if (reference is null) return (false, _rescheduler.NoConversation(person, stored));

        var message = new DueMessage(entry.Kind, entry.DueAt, entry.Milestone);
        var rememberedWin = entry.Milestone == MilestoneKind.WinRemembered
            ? await _profiles.WinWrittenBeforeAsync(person, now.AddDays(-_rules.WinRememberDays * 3 / 4), cancellationToken).ConfigureAwait(false)
            : null;
        var activity = ProactiveMessages.Create(JourneySteps.Standard, profile, message, now, rememberedWin);

        var failure = await _delivery.SendAsync(reference, activity, cancellationToken).ConfigureAwait(false);
        switch (failure)
        {
            case null:
                BotTelemetry.Source.StartActivity("proactive.sent")?.SetTag("trustbot.proactive.kind", entry.Kind.ToString()).Dispose();
                _logger.LogInformation("Proactive {Kind} sent", entry.Kind);
                return (true, _rescheduler.Sent(person, stored, message, now));
            case ChannelSendException { IsBlocked: true } blocked:
                _logger.LogInformation("Proactive {Kind} refused by the channel ({Code}); no more proactive messages until the person writes", entry.Kind, blocked.Code);
                return (false, _rescheduler.Blocked(person, stored));
            case ChannelSendException { IsGone: true }:
                _logger.LogInformation("Proactive {Kind}: the conversation no longer exists; reference dropped", entry.Kind);
                return (false, _rescheduler.ConversationGone(person, stored));
            default:
                // Not sent this time; the schedule moves on to the next message.
                _logger.LogWarning(failure, "Proactive {Kind} could not be delivered", entry.Kind);
                return (false, _rescheduler.MoveOn(person, stored));
        }
    }

    private static DateTimeOffset FloorToMinute(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
