using System.Globalization;

namespace TrustBot.Journey;

/// <summary>
/// The encouraging words shared by check-ins, small wins, step 8 and later messages: streak rules,
/// win celebrations, the message on setbacks, and the self-care lean of a space period.
/// </summary>
internal static class Encouragement
{
    private static readonly string[] Celebrations =
    [
        "That's a real win. Thank you for noticing it. 🎉",
        "Lovely. Small moments like this are how trust grows back. 🌱",
        "I'm really glad that happened. It counts, and it's saved in your small wins. ✨",
        "That's worth a moment of pride. Well noticed. 👏",
        "Good things like this deserve a pause. Let it sink in. 💛",
        "Another step forward. These add up more than it feels like. 🌟",
    ];

    /// <summary>A warm celebration for the <paramref name="winNumber"/>-th win; consecutive wins get different words.</summary>
    public static string CelebrateWin(int winNumber) => Celebrations[Math.Abs(winNumber) % Celebrations.Length];

    /// <summary>The step-8 message on setbacks: they are normal, and the work is not undone.</summary>
    public static string SetbacksAreNormal(PartnerRole role) => RoleText.Pick(role,
        hurt: "Setbacks are a normal part of rebuilding trust. A hard day doesn't erase the ground you've gained, and it's okay to feel shaken by it.",
        repairing: "Setbacks are a normal part of rebuilding trust. A hard day doesn't undo your work; staying steady and owning your part, without getting defensive, is what counts now.",
        both: "Setbacks are a normal part of rebuilding trust. A hard day doesn't undo what you've both built; what matters is that you keep coming back to it together.");

    /// <summary>Trust as an ongoing choice, the heart of step 8.</summary>
    public static string TrustIsAChoice(PartnerRole role) => RoleText.Pick(role,
        hurt: "Trust isn't something you owe or must feel on cue. It's a choice you get to keep making, at your own pace, as long as you both stay committed.",
        repairing: "Trust is a choice your partner keeps making, and one you earn again each day by being consistent. Both of you have to keep choosing this.",
        both: "Trust is a choice you both keep making, day after day. Neither of you can make it alone.");

    /// <summary>The self-care lean used while a space period lasts: no talks suggested, step 6 instead.</summary>
    /// <remarks>Step 6 is only suggested while it is not done yet.</remarks>
    public static string SpaceSelfCare(PartnerRole role, bool stepSixDone = false) => stepSixDone
        ? RoleText.Pick(role,
            hurt: "You're in a space period, so this is time for you. Rest, and do something kind for yourself.",
            repairing: "Your partner has asked for space, so this is a good time to keep working on your own growth rather than turning to them.",
            both: "You're in a space period, so let this be time for yourselves.")
        : RoleText.Pick(role,
            hurt: "You're in a space period, so this is time for you. Rest, do something kind for yourself, and if you'd like some gentle work, step 6 (Work on yourself) fits well right now.",
            repairing: "Your partner has asked for space, so this is a good time to turn to your own growth rather than to them. Step 6 (Work on yourself) fits well right now.",
            both: "You're in a space period, so let this be time for yourselves. Step 6 (Work on yourself) fits well right now.");

    /// <summary>How long after a check-in the next one still counts as on schedule (the rhythm's interval plus some grace).</summary>
    public static TimeSpan StreakWindow(CheckInRhythm rhythm) => rhythm switch
    {
        CheckInRhythm.Daily => TimeSpan.FromHours(36),
        CheckInRhythm.EveryFewDays => TimeSpan.FromDays(4),
        CheckInRhythm.Weekly => TimeSpan.FromDays(9),
        _ => TimeSpan.FromDays(7),
    };

    /// <summary>
    /// The streak after a check-in at <paramref name="now"/>: it grows when the previous check-in was within
    /// the rhythm's window, stays the same for another check-in on the same local day, and otherwise starts again at 1.
    /// </summary>
    public static int NextStreak(int streak, DateTimeOffset? lastCheckIn, DateTimeOffset now, CheckInRhythm rhythm, TimeZoneInfo zone)
    {
        if (lastCheckIn is not { } last || now < last) return Math.Max(1, streak);
        // A second check-in on the same day is welcome, but it isn't another day kept.
        if (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(last, zone).DateTime) == DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime))
            return Math.Max(1, streak);
        return now - last <= StreakWindow(rhythm) ? Math.Max(1, streak) + 1 : 1;
    }

    /// <summary>True when both moments fall on the same local day.</summary>
    public static bool SameLocalDay(DateTimeOffset a, DateTimeOffset b, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(a, zone).DateTime) == DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(b, zone).DateTime);

    /// <summary>How a space period reads: "until Friday 6 November" or "until you say it's over".</summary>
    public static string DescribeSpace(JourneyProfile profile, TimeZoneInfo zone)
    {
        if (profile.SpaceOpenEnded) return "until you say it's over";
        return profile.SpaceUntil is { } until
            ? "until " + TimeZoneInfo.ConvertTime(until, zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture)
            : "not set";
    }
}
