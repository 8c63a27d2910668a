using TrustBot.Journey;
using TrustBot.State;

namespace TrustBot.Bot.Proactive;

/// <summary>
/// Records in the person's profile what became of a due message and writes their next row of the due-time
/// index, in one write call with the profile (see <see cref="ProfileStore.UpdateAsync(string, StoreItem?, Func{JourneyProfile, IEnumerable{StorageWrite}}, CancellationToken)"/>).
/// Each change starts from the profile row the sender read (<c>stored</c>), so it costs no second read unless
/// the person's own turn changed the profile in between. The processed row is left to the sender, which removes
/// a whole claim's rows in one call: each method returns false when the new schedule took that row's place.
/// </summary>
internal sealed class ProactiveRescheduler(ProfileStore profiles, TimeProvider clock, ReminderRules rules)
{
    /// <summary>The message was not sent (no longer due, or not delivered this time): the schedule moves on.</summary>
    public Task<bool> MoveOnAsync(string person, StoreItem? stored, StorageKey processed, CancellationToken cancellationToken) =>
        UpdateAsync(person, stored, processed, _ => { }, reschedule: true, dropReference: false, cancellationToken);

    /// <summary>The message went out: the profile remembers it, then the next one is scheduled.</summary>
    public Task<bool> SentAsync(string person, StoreItem? stored, StorageKey processed, DueMessage message, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(person, stored, processed, p => RecordSent(p, message, now), reschedule: true, dropReference: false, cancellationToken);

    /// <summary>The channel refuses messages to the person until they write again.</summary>
    public Task<bool> BlockedAsync(string person, StoreItem? stored, StorageKey processed, CancellationToken cancellationToken) =>
        UpdateAsync(person, stored, processed, p => p.ChannelBlocked = true, reschedule: true, dropReference: false, cancellationToken);

    /// <summary>There is nowhere to send: nothing is scheduled until the person writes again.</summary>
    public Task<bool> NoConversationAsync(string person, StoreItem? stored, StorageKey processed, CancellationToken cancellationToken) =>
        UpdateAsync(person, stored, processed, p => p.ScheduledDueKey = p.ScheduledKind = null, reschedule: false, dropReference: false, cancellationToken);

    /// <summary>The conversation no longer exists: its reference is forgotten and nothing is scheduled.</summary>
    public Task<bool> ConversationGoneAsync(string person, StoreItem? stored, StorageKey processed, CancellationToken cancellationToken) =>
        UpdateAsync(person, stored, processed, p =>
        {
            p.LastConversationKey = null;
            p.ScheduledDueKey = p.ScheduledKind = null;
        }, reschedule: false, dropReference: true, cancellationToken);

    private async Task<bool> UpdateAsync(string person, StoreItem? stored, StorageKey processed, Action<JourneyProfile> change, bool reschedule, bool dropReference, CancellationToken cancellationToken)
    {
        // Set by the attempt that was written (the change runs again after a conflict).
        var replaced = false;
        await profiles.UpdateAsync(person, stored, profile =>
        {
            change(profile);
            var indexWrites = new List<StorageWrite>();
            if (reschedule)
            {
                // Always a fresh row: the processed one is claimed and must not be left as the schedule.
                profile.ScheduledDueKey = profile.ScheduledKind = null;
                indexWrites.AddRange(DueIndex.Reschedule(profile, person, clock.GetUtcNow(), rules));
            }
            replaced = indexWrites.Exists(w => w.Key == processed);
            var writes = new List<StorageWrite>();
            if (dropReference) writes.Add(new StorageWrite(new StorageKey(person, RecordKinds.Reference), null, ETags.Any));
            writes.AddRange(indexWrites);
            return writes;
        }, cancellationToken).ConfigureAwait(false);
        return !replaced;
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
}
