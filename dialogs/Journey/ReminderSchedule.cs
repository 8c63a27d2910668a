using TrustBot.Dialogs;

namespace TrustBot.Journey;

/// <summary>
/// Decides the person's next unprompted message from their profile alone (pure: no clock, no I/O).
/// Rules: nothing before consent and onboarding, while stopped, paused or blocked by the channel, nor for a
/// while after a danger disclosure;
/// never in quiet hours (moved to their end); at most one unprompted message a local day; no talk
/// reminders during a space period. When two messages fall on the same local day the more personal
/// one wins: talk reminder, then milestone, then nudge, then check-in reminder.
/// </summary>
internal static class ReminderSchedule
{
    private static readonly int[] StreakMilestones = [3, 7, 14, 30, 60, 100, 200, 365];

    /// <summary>The first message due at or after <paramref name="from"/>, or null when nothing is to be sent.</summary>
    public static DueMessage? Next(JourneyProfile profile, DateTimeOffset from, ReminderRules rules)
    {
        if (profile.Consented != true || !profile.OnboardingDone || profile.ProactiveStopped || profile.ChannelBlocked) return null;
        if (profile.RemindersPausedUntil is { } paused && paused > from)
        {
            // "Until I say" is stored as the far future.
            if (paused - from > TimeSpan.FromDays(400)) return null;
            from = paused;
        }
        if (profile.LastSafetyMessageAt is { } danger && rules.SafetyPause > TimeSpan.Zero && danger + rules.SafetyPause > from) from = danger + rules.SafetyPause;
        from = CeilingToMinute(from);
        var zone = TimeZones.Find(profile.TimeZone);
        var time = profile.ReminderTime ?? rules.DefaultTime;

        // At most four candidates, held in a stack buffer (this runs on every turn; a list of them was an allocation).
        var candidates = new Candidates();
        candidates[0] = TalkReminder(profile, from, zone, rules);
        candidates[1] = Milestone(profile, from, zone, time, rules);
        candidates[2] = Nudge(profile, from, zone, time, rules);
        candidates[3] = CheckInReminder(profile, from, zone, time, rules);

        // The earliest day's message of the highest priority (then the earliest).
        DateTimeOffset? earliest = null;
        foreach (var c in candidates) if (c is not null && (earliest is null || c.DueAt < earliest)) earliest = c.DueAt;
        if (earliest is not { } first) return null;
        var day = LocalDate(first, zone);
        DueMessage? best = null;
        foreach (var c in candidates)
        {
            if (c is null || LocalDate(c.DueAt, zone) != day) continue;
            if (best is null || Priority(c.Kind) < Priority(best.Kind) || Priority(c.Kind) == Priority(best.Kind) && c.DueAt < best.DueAt) best = c;
        }
        return best;
    }

    /// <summary>The candidate messages, in the order talk reminder, milestone, nudge, check-in reminder (null where none).</summary>
    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct Candidates
    {
        private DueMessage? _first;
    }

    /// <summary>
    /// True when the message of <paramref name="kind"/> due at <paramref name="dueAt"/> (read from the due-time index) is still what the profile
    /// calls for at <paramref name="now"/>: the index row may be outdated, so the sender asks this before sending.
    /// </summary>
    public static bool IsStillDue(JourneyProfile profile, ProactiveKind kind, DateTimeOffset dueAt, DateTimeOffset now, ReminderRules rules)
    {
        if (dueAt > now || now - dueAt > rules.Staleness) return false;
        var zone = TimeZones.Find(profile.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (rules.QuietHours.Contains(TimeOnly.FromDateTime(local.DateTime))) return false;
        if (profile.LastProactiveAt is { } last && LocalDate(last, zone) == DateOnly.FromDateTime(local.DateTime)) return false;
        var expected = Next(profile, dueAt, rules);
        return expected is not null && expected.Kind == kind && expected.DueAt == dueAt;
    }

    /// <summary>The person's local calendar date at an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>
    /// The instant of a local date and time: a time skipped by a DST jump moves to the moment the clocks
    /// jump; a time that happens twice (clocks going back) is the first of the two.
    /// </summary>
    public static DateTimeOffset AtLocal(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static int Priority(ProactiveKind kind) => kind switch
    {
        ProactiveKind.TalkReminder => 0,
        ProactiveKind.Milestone => 1,
        ProactiveKind.Nudge => 2,
        _ => 3,
    };

    private static DueMessage? TalkReminder(JourneyProfile profile, DateTimeOffset from, TimeZoneInfo zone, ReminderRules rules)
    {
        if (profile.PlannedTalkAt is not { } talk || talk <= from || profile.TalkRemindedFor == talk) return null;
        var at = Place(FloorToMinute(talk - rules.TalkLead), from, profile, zone, rules);
        // A space period holds talk reminders back, unless the person chose to keep this talk when the space began.
        if (at >= talk || (profile.IsSpaceActive(at) && profile.TalkKeptDuringSpace != talk)) return null;
        return new DueMessage(ProactiveKind.TalkReminder, at);
    }

    private static DueMessage? Milestone(JourneyProfile profile, DateTimeOffset from, TimeZoneInfo zone, TimeOnly time, ReminderRules rules)
    {
        var kind = MilestoneKind.None;
        DateOnly earliest = LocalDate(from, zone);
        if (profile.StepsDone.Count > profile.CelebratedSteps) kind = MilestoneKind.StepDone;
        else if (StreakToCelebrate(profile) > 0) kind = MilestoneKind.Streak;
        else if (profile.WinCount > 0 && (profile.LastWinRememberedAt ?? profile.ConsentedAt) is { } since)
        {
            kind = MilestoneKind.WinRemembered;
            var sinceDate = LocalDate(since, zone).AddDays(rules.WinRememberDays);
            if (sinceDate > earliest) earliest = sinceDate;
        }
        if (kind == MilestoneKind.None) return null;
        return new DueMessage(ProactiveKind.Milestone, Place(FirstAtOrAfter(earliest, time, from, zone), from, profile, zone, rules), kind);
    }

    /// <summary>The streak milestone not yet celebrated (3, 7, 14, ...), or 0.</summary>
    public static int StreakToCelebrate(JourneyProfile profile)
    {
        var reached = 0;
        foreach (var m in StreakMilestones) if (m <= profile.Streak && m > reached) reached = m;
        return reached > profile.CelebratedStreak ? reached : 0;
    }

    private static DueMessage? Nudge(JourneyProfile profile, DateTimeOffset from, TimeZoneInfo zone, TimeOnly time, ReminderRules rules)
    {
        // "No reminders" means the person does not want to be chased.
        if (profile.Rhythm == CheckInRhythm.None || profile.LastSeenAt is not { } seen) return null;
        if (profile.LastNudgeAt is { } nudged && nudged >= seen) return null;
        var date = LocalDate(seen, zone).AddDays(rules.QuietDaysBeforeNudge);
        return new DueMessage(ProactiveKind.Nudge, Place(FirstAtOrAfter(date, time, from, zone), from, profile, zone, rules));
    }

    private static DueMessage? CheckInReminder(JourneyProfile profile, DateTimeOffset from, TimeZoneInfo zone, TimeOnly time, ReminderRules rules)
    {
        var interval = profile.Rhythm switch
        {
            CheckInRhythm.Daily => 1,
            CheckInRhythm.EveryFewDays => 3,
            CheckInRhythm.Weekly => 7,
            _ => 0,
        };
        if (interval == 0) return null;
        var last = Max(profile.LastCheckInAt, profile.LastReminderAt);
        var date = last is { } l ? LocalDate(l, zone).AddDays(interval) : LocalDate(from, zone);
        return new DueMessage(ProactiveKind.CheckInReminder, Place(FirstAtOrAfter(date, time, from, zone), from, profile, zone, rules));
    }

    /// <summary>The first occurrence of the local time on or after the date that is not before <paramref name="from"/>.</summary>
    private static DateTimeOffset FirstAtOrAfter(DateOnly date, TimeOnly time, DateTimeOffset from, TimeZoneInfo zone)
    {
        var fromDate = LocalDate(from, zone);
        if (date < fromDate) date = fromDate;
        var at = AtLocal(date, time, zone);
        return at >= from ? at : AtLocal(date.AddDays(1), time, zone);
    }

    /// <summary>Moves an instant out of quiet hours and off a day that already had an unprompted message.</summary>
    private static DateTimeOffset Place(DateTimeOffset at, DateTimeOffset from, JourneyProfile profile, TimeZoneInfo zone, ReminderRules rules)
    {
        if (at < from) at = from;
        var lastDay = profile.LastProactiveAt is { } last ? LocalDate(last, zone) : (DateOnly?)null;
        for (var i = 0; i < 4; i++)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
            var date = DateOnly.FromDateTime(local);
            var clock = TimeOnly.FromDateTime(local);
            if (date == lastDay)
            {
                at = AtLocal(date.AddDays(1), clock, zone);
                continue;
            }
            if (rules.QuietHours.Contains(clock))
            {
                var endDate = rules.QuietHours.Start > rules.QuietHours.End && clock >= rules.QuietHours.Start ? date.AddDays(1) : date;
                at = AtLocal(endDate, rules.QuietHours.End, zone);
                continue;
            }
            break;
        }
        return CeilingToMinute(at);
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateTimeOffset CeilingToMinute(DateTimeOffset at)
    {
        var floor = FloorToMinute(at);
        return floor == at ? at : floor.AddMinutes(1);
    }

    private static DateTimeOffset FloorToMinute(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
