using TrustBot.Journey;
using TrustBot.State;

namespace TrustBot.Bot.Proactive;

/// <summary>
/// Records in the person's profile what became of a due message and writes their next row of the due-time
/// index. Each change starts from the profile row the sender read (<c>stored</c>), so it costs no second read unless
/// the person's own turn changed the profile in between. The changes of one claim's rows are written together
/// (<see cref="ApplyAsync"/>): their next rows, which mostly share the next day's minute, in one call, then each
/// profile. The processed rows are gone already: claiming a row removed it.
/// </summary>
internal sealed class ProactiveRescheduler(ProfileStore profiles, TimeProvider clock, ReminderRules rules, ILogger logger)
{
    /// <summary>The message was not sent (no longer due, or not delivered this time): the schedule moves on.</summary>
    public ScheduleChange MoveOn(string person, StoreItem? stored) =>
        Change(person, stored, _ => { }, reschedule: true, dropReference: false);

    /// <summary>The message went out: the profile remembers it, then the next one is scheduled.</summary>
    public ScheduleChange Sent(string person, StoreItem? stored, DueMessage message, DateTimeOffset now) =>
        Change(person, stored, p => RecordSent(p, message, now), reschedule: true, dropReference: false);

    /// <summary>The channel refuses messages to the person until they write again.</summary>
    public ScheduleChange Blocked(string person, StoreItem? stored) =>
        Change(person, stored, p => p.ChannelBlocked = true, reschedule: true, dropReference: false);

    /// <summary>There is nowhere to send: nothing is scheduled until the person writes again.</summary>
    public ScheduleChange NoConversation(string person, StoreItem? stored) =>
        Change(person, stored, p => p.ScheduledDueKey = p.ScheduledKind = null, reschedule: false, dropReference: false);

    /// <summary>The conversation no longer exists: its reference is forgotten and nothing is scheduled.</summary>
    public ScheduleChange ConversationGone(string person, StoreItem? stored) =>
        Change(person, stored, p =>
        {
            p.LastConversationKey = null;
            p.ScheduledDueKey = p.ScheduledKind = null;
        }, reschedule: false, dropReference: true);

    /// <summary>
    /// Writes the changes of one claim's rows (one per person) with <see cref="ProfileStore.UpdateManyAsync"/>. A person whose
    /// turns kept changing the profile on every try is left to their next turn, which schedules from what it stored.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<ScheduleChange> changes, int atOnce, CancellationToken cancellationToken)
    {
        if (changes.Count == 0) return;
        var results = await profiles.UpdateManyAsync([.. changes.Select(c => (c.Person, c.Stored, c.Apply))], atOnce, cancellationToken).ConfigureAwait(false);
        if (results.Contains(ProfileUpdate.KeptChanging))
            logger.LogWarning("Proactive send left unrecorded for the person's next turn after repeated profile conflicts");
    }

    private ScheduleChange Change(string person, StoreItem? stored, Action<JourneyProfile> change, bool reschedule, bool dropReference) =>
        new(person, stored, profile =>
        {
            change(profile);
            var indexWrites = new List<StorageWrite>();
            if (reschedule)
            {
                // Always a fresh row: the processed one was removed by its claim.
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
/// <param name="Person">The person's partition.</param>
/// <param name="Stored">The profile row as the sender read it.</param>
/// <param name="Apply">Changes the profile and returns the writes that go with it; runs again on a fresh copy after a conflict.</param>
internal sealed record ScheduleChange(string Person, StoreItem? Stored, Func<JourneyProfile, IEnumerable<StorageWrite>> Apply);
