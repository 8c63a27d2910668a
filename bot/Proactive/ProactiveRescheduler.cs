using TrustBot.Journey;
using TrustBot.State;

namespace TrustBot.Bot.Proactive;

/// <summary>
/// Records in the person's profile what became of a due message and writes their next row of the due-time
/// index. Each change starts from the profile row the sender read (<c>stored</c>), so it costs no second read unless
/// the person's own turn changed the profile in between. The changes of one claim's rows are written together
/// (<see cref="ApplyAsync"/>): their next rows, which mostly share the next day's minute, in one call, then each
/// profile. The processed rows are left to the sender, which removes a whole claim's rows in one call.
/// </summary>
internal sealed class ProactiveRescheduler(ProfileStore profiles, TimeProvider clock, ReminderRules rules, ILogger logger)
{
    /// <summary>The message was not sent (no longer due, or not delivered this time): the schedule moves on.</summary>
    public ScheduleChange MoveOn(string person, StoreItem? stored, StorageKey processed) =>
        Change(person, stored, processed, _ => { }, reschedule: true, dropReference: false);

    /// <summary>The message went out: the profile remembers it, then the next one is scheduled.</summary>
    public ScheduleChange Sent(string person, StoreItem? stored, StorageKey processed, DueMessage message, DateTimeOffset now) =>
        Change(person, stored, processed, p => RecordSent(p, message, now), reschedule: true, dropReference: false);

    /// <summary>The channel refuses messages to the person until they write again.</summary>
    public ScheduleChange Blocked(string person, StoreItem? stored, StorageKey processed) =>
        Change(person, stored, processed, p => p.ChannelBlocked = true, reschedule: true, dropReference: false);

    /// <summary>There is nowhere to send: nothing is scheduled until the person writes again.</summary>
    public ScheduleChange NoConversation(string person, StoreItem? stored, StorageKey processed) =>
        Change(person, stored, processed, p => p.ScheduledDueKey = p.ScheduledKind = null, reschedule: false, dropReference: false);

    /// <summary>The conversation no longer exists: its reference is forgotten and nothing is scheduled.</summary>
    public ScheduleChange ConversationGone(string person, StoreItem? stored, StorageKey processed) =>
        Change(person, stored, processed, p =>
        {
            p.LastConversationKey = null;
            p.ScheduledDueKey = p.ScheduledKind = null;
        }, reschedule: false, dropReference: true);

    /// <summary>
    /// Writes the changes of one claim's rows (one per person) with <see cref="ProfileStore.UpdateManyAsync"/>. Returns, per
    /// change, whether its processed row is left to remove: not when the new schedule took that row's place, nor when the
    /// person's turns kept changing the profile (their next turn reschedules from it).
    /// </summary>
    public async Task<IReadOnlyList<bool>> ApplyAsync(IReadOnlyList<ScheduleChange> changes, int atOnce, CancellationToken cancellationToken)
    {
        if (changes.Count == 0) return [];
        var results = await profiles.UpdateManyAsync([.. changes.Select(c => (c.Person, c.Stored, (Func<JourneyProfile, IEnumerable<StorageWrite>>)c.Apply))], atOnce, cancellationToken).ConfigureAwait(false);
        var remove = new bool[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            if (results[i] == ProfileUpdate.KeptChanging)
                logger.LogWarning("Proactive row left for the person's next turn after repeated profile conflicts");
            // Replaced is set by the try that was written (the change runs again after a conflict).
            remove[i] = results[i] != ProfileUpdate.KeptChanging && !changes[i].Replaced;
        }
        return remove;
    }

    private ScheduleChange Change(string person, StoreItem? stored, StorageKey processed, Action<JourneyProfile> change, bool reschedule, bool dropReference) =>
        new(person, stored, processed, change, profile =>
        {
            var indexWrites = new List<StorageWrite>();
            if (reschedule)
            {
                // Always a fresh row: the processed one is claimed and must not be left as the schedule.
                profile.ScheduledDueKey = profile.ScheduledKind = null;
                indexWrites.AddRange(DueIndex.Reschedule(profile, person, clock.GetUtcNow(), rules));
            }
            var writes = new List<StorageWrite>();
            if (dropReference) writes.Add(new StorageWrite(new StorageKey(person, RecordKinds.Reference), null, ETags.Any));
            writes.AddRange(indexWrites);
            return writes;
        });

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
}

/// <summary>
/// What the sender decided for one processed due row, to be written with the rest of its claim
/// (<see cref="ProactiveRescheduler.ApplyAsync"/>).
/// </summary>
internal sealed class ScheduleChange
{
    private readonly Action<JourneyProfile> _change;
    private readonly Func<JourneyProfile, List<StorageWrite>> _schedule;

    public ScheduleChange(string person, StoreItem? stored, StorageKey processed, Action<JourneyProfile> change, Func<JourneyProfile, List<StorageWrite>> schedule)
    {
        Person = person;
        Stored = stored;
        Processed = processed;
        _change = change;
        _schedule = schedule;
    }

    public string Person { get; }

    /// <summary>The profile row as the sender read it.</summary>
    public StoreItem? Stored { get; }

    /// <summary>The due row this change settles.</summary>
    public StorageKey Processed { get; }

    /// <summary>Whether the last run of <see cref="Apply"/> wrote a new row over <see cref="Processed"/> (the next message is due in the same minute).</summary>
    public bool Replaced { get; private set; }

    /// <summary>Changes the profile and returns the writes that go with it; runs again on a fresh copy after a conflict.</summary>
    public IEnumerable<StorageWrite> Apply(JourneyProfile profile)
    {
        _change(profile);
        var writes = _schedule(profile);
        Replaced = writes.Exists(w => w.Key == Processed);
        return writes;
    }
}
