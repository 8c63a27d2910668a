using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrustBot.Dialogs;
using TrustBot.State;

namespace TrustBot.Journey;

/// <summary>What kind of message the bot sends on its own.</summary>
public enum ProactiveKind
{
    /// <summary>A check-in reminder at the person's rhythm and time.</summary>
    CheckInReminder,

    /// <summary>An hour before a planned talk.</summary>
    TalkReminder,

    /// <summary>A gentle nudge after a few quiet days, naming the current step.</summary>
    Nudge,

    /// <summary>A celebration: a streak of check-ins, a step done, a past win remembered.</summary>
    Milestone,
}

/// <summary>Which milestone a <see cref="ProactiveKind.Milestone"/> celebrates.</summary>
public enum MilestoneKind
{
    None,
    StepDone,
    Streak,
    WinRemembered,
}

/// <summary>The next unprompted message: its kind and when it is due (UTC, on a whole minute).</summary>
public sealed record DueMessage(ProactiveKind Kind, DateTimeOffset DueAt, MilestoneKind Milestone = MilestoneKind.None);

/// <summary>The local hours in which nothing is sent, e.g. 22:00–08:00 (may wrap past midnight).</summary>
public readonly record struct QuietHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>22:00–08:00.</summary>
    public static QuietHours Default { get; } = new(new TimeOnly(22, 0), new TimeOnly(8, 0));

    /// <summary>Parses <c>HH:mm-HH:mm</c>.</summary>
    public static QuietHours Parse(string text) =>
        TryParse(text, out var hours) ? hours : throw new FormatException($"Quiet hours '{text}' must look like 22:00-08:00 (24-hour local times).");

    /// <summary>Parses <c>HH:mm-HH:mm</c>; false when the text is not two 24-hour times.</summary>
    public static bool TryParse(string? text, out QuietHours hours)
    {
        hours = Default;
        var parts = (text ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            return false;
        hours = new QuietHours(start, end);
        return true;
    }

    /// <summary>True when the local time of day falls in the quiet hours.</summary>
    public bool Contains(TimeOnly time) => Start == End ? false
        : Start < End ? time >= Start && time < End
        : time >= Start || time < End;
}

/// <summary>The rules the schedule follows; the host sets quiet hours from configuration.</summary>
public sealed record ReminderRules(QuietHours QuietHours)
{
    /// <summary>Quiet hours 22:00–08:00.</summary>
    public static ReminderRules Default { get; } = new(QuietHours.Default);

    /// <summary>Days without a word from the person before a nudge.</summary>
    public int QuietDaysBeforeNudge { get; init; } = 3;

    /// <summary>How long before a planned talk its reminder comes.</summary>
    public TimeSpan TalkLead { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often (at most) a past win is brought back, and how old it must be.</summary>
    public int WinRememberDays { get; init; } = 28;

    /// <summary>When no reminder time was chosen, encouragement comes at this local time.</summary>
    public TimeOnly DefaultTime { get; init; } = new(19, 0);

    /// <summary>A message found this late (the sender was down) is dropped and the next one scheduled.</summary>
    public TimeSpan Staleness { get; init; } = TimeSpan.FromHours(3);

    /// <summary>
    /// How long nothing is sent unprompted after a danger disclosure (<see cref="JourneyProfile.LastSafetyMessageAt"/>):
    /// a reminder popping up could be seen by the person the message was about. Zero turns the pause off.
    /// </summary>
    public TimeSpan SafetyPause { get; init; } = TimeSpan.FromHours(72);
}

/// <summary>
/// Decides the person's next unprompted message from their profile alone (pure: no clock, no I/O).
/// Rules: nothing before consent and onboarding, while stopped, paused or blocked by the channel, nor for a
/// while after a danger disclosure;
/// never in quiet hours (moved to their end); at most one unprompted message a local day; no talk
/// reminders during a space period. When two messages fall on the same local day the more personal
/// one wins: talk reminder, then milestone, then nudge, then check-in reminder.
/// </summary>
public static class ReminderSchedule
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

        var candidates = new List<DueMessage>(4);
        if (TalkReminder(profile, from, zone, rules) is { } talk) candidates.Add(talk);
        if (Milestone(profile, from, zone, time, rules) is { } milestone) candidates.Add(milestone);
        if (Nudge(profile, from, zone, time, rules) is { } nudge) candidates.Add(nudge);
        if (CheckInReminder(profile, from, zone, time, rules) is { } reminder) candidates.Add(reminder);
        if (candidates.Count == 0) return null;

        var day = LocalDate(candidates.Min(c => c.DueAt), zone);
        return candidates.Where(c => LocalDate(c.DueAt, zone) == day).OrderBy(c => Priority(c.Kind)).ThenBy(c => c.DueAt).First();
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
        var reached = StreakMilestones.Where(m => m <= profile.Streak).DefaultIfEmpty(0).Max();
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

/// <summary>A row of the due-time index: whose message is due, what kind, and when.</summary>
public sealed class DueEntry
{
    /// <summary>The person's partition (<c>{channelId}/users/{userId}</c>).</summary>
    public string Person { get; set; } = "";

    public ProactiveKind Kind { get; set; }

    public MilestoneKind Milestone { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>Set by the instance that claimed the row for sending.</summary>
    public string? ClaimedBy { get; set; }
}

/// <summary>
/// The due-time index: partition <c>due/yyyyMMddHHmm</c> (UTC minute), row = the person (escaped), so a
/// scheduler tick reads only the minutes that are due, whatever the number of people.
/// </summary>
/// <remarks>
/// The index row and the person's profile live in different partitions, so they are not written
/// atomically: an index row may briefly point at an outdated schedule (or a turn retried after a
/// conflict may leave an orphan). The profile's <see cref="JourneyProfile.ScheduledDueKey"/> is the
/// truth; the sender re-validates against the profile before it sends and drops rows that disagree.
/// </remarks>
public static class DueIndex
{
    public const string PartitionPrefix = "due/";

    /// <summary>The index partition of a due minute.</summary>
    public static string PartitionFor(DateTimeOffset dueAt) =>
        PartitionPrefix + dueAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The person's row key: their partition with <c>/ \ # ?</c> and controls escaped (Table key rules),
    /// or a hash when that would be long; the person's key is always in the document too.
    /// </summary>
    public static string RowFor(string person)
    {
        var escaped = Uri.EscapeDataString(person);
        if (escaped.Length <= 400) return escaped;
        return "h-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(person))).ToLowerInvariant();
    }

    /// <summary>
    /// Recomputes the person's next message and, only when it changed (a fingerprint of due minute and
    /// kind), returns the writes that move their index row and records the new key in the profile.
    /// A typical turn returns nothing.
    /// </summary>
    /// <param name="profile">The person's profile; its scheduled key is updated when the row moves.</param>
    /// <param name="person">The person's partition.</param>
    /// <param name="now">The current time.</param>
    /// <param name="rules">Quiet hours and other rules.</param>
    /// <param name="deferLater">
    /// Leave the row where it is when the next message moved later (a check-in just done, say): when the
    /// old row comes due the sender finds it no longer due and reschedules, so the turn's state stays one
    /// write. Earlier or removed messages are always written at once.
    /// </param>
    public static IReadOnlyList<StorageWrite> Reschedule(JourneyProfile profile, string person, DateTimeOffset now, ReminderRules rules, bool deferLater = false)
    {
        var next = ReminderSchedule.Next(profile, now, rules);
        var partition = next is null ? null : PartitionFor(next.DueAt);
        var kind = next is null ? null : Fingerprint(next);
        if (partition == profile.ScheduledDueKey && kind == profile.ScheduledKind) return [];
        // A row whose minute has passed was missed (no sender ran, or one crashed after claiming it): move it now.
        if (deferLater && partition is not null && profile.ScheduledDueKey is { } current
            && string.CompareOrdinal(partition, current) > 0
            && string.CompareOrdinal(current, PartitionFor(now)) >= 0) return [];

        var row = RowFor(person);
        var writes = new List<StorageWrite>(2);
        if (profile.ScheduledDueKey is { } old && old != partition)
            writes.Add(new StorageWrite(new StorageKey(old, row), null, ETags.Any));
        if (next is not null)
        {
            var entry = new DueEntry { Person = person, Kind = next.Kind, Milestone = next.Milestone, DueAt = next.DueAt };
            writes.Add(new StorageWrite(new StorageKey(partition!, row), JsonSerializer.Serialize(entry, ProactiveJson.Default.DueEntry), ETags.Any));
        }
        profile.ScheduledDueKey = partition;
        profile.ScheduledKind = kind;
        return writes;
    }

    private static string Fingerprint(DueMessage message) =>
        message.Milestone == MilestoneKind.None ? message.Kind.ToString() : $"{message.Kind}:{message.Milestone}";
}

/// <summary>Source-generated JSON for the due-time index.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DueEntry))]
public sealed partial class ProactiveJson : JsonSerializerContext
{
}
