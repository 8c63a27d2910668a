using System.Globalization;
using System.Text.RegularExpressions;
using TrustBot.Dialogs;

namespace TrustBot.Journey.Steps;

/// <summary>
/// Reads a day and time for a planned talk, relative to the person's local "now": "Saturday 7pm",
/// "tomorrow at 18:00", "in 2 days at 8pm", "today 9pm", "next Monday evening", "14 November 19:00",
/// "in 3 hours". Pure; the result is a local wall-clock time.
/// </summary>
internal static partial class TalkTime
{
    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday, ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6, ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["sept"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    };

    private static readonly Dictionary<string, int> SmallNumbers = new(StringComparer.Ordinal)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["a couple of"] = 2, ["a few"] = 3,
    };

    /// <summary>Reads <paramref name="text"/> as a local date and time; false when no day and time can be read.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="localNow">The person's current local time.</param>
    /// <param name="local">The planned local time (seconds cleared).</param>
    public static bool TryParse(string? text, DateTime localNow, out DateTime local)
    {
        local = default;
        var t = Recognizers.Normalize(text);
        if (t.Length == 0 || t.Length > 80) return false;
        t = t.Replace(" o'clock", "", StringComparison.Ordinal);

        var inHours = InHours().Match(t);
        if (inHours.Success && TryCount(inHours.Groups["n"].Value, out var hours) && hours <= 72)
        {
            var at = localNow.AddHours(hours);
            local = new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, DateTimeKind.Unspecified);
            return true;
        }

        var m = DayThenTime().Match(t);
        if (!m.Success) return false;
        if (!TryDay(m.Groups["day"].Value, localNow, out var date, out var weekday, out var next)) return false;
        if (!TryTime(m.Groups["time"].Value, out var time)) return false;

        if (weekday is { } wd)
        {
            var ahead = ((int)wd - (int)localNow.DayOfWeek + 7) % 7;
            // "Saturday 7pm" said on a Saturday after 7pm, or "next Saturday", means the coming week's.
            if (ahead == 0 && (next || localNow.TimeOfDay >= time.ToTimeSpan())) ahead = 7;
            date = DateOnly.FromDateTime(localNow).AddDays(ahead);
        }
        local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>The local time as UTC in <paramref name="zone"/>; a time skipped by a daylight-saving change moves an hour on.</summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }

    /// <summary>"Saturday 7 November at 19:00".</summary>
    public static string Describe(DateTime local) =>
        local.ToString("dddd d MMMM 'at' HH:mm", CultureInfo.InvariantCulture);

    private static bool TryDay(string day, DateTime localNow, out DateOnly date, out DayOfWeek? weekday, out bool next)
    {
        var today = DateOnly.FromDateTime(localNow);
        date = today;
        weekday = null;
        next = false;
        day = day.Trim();
        if (day.StartsWith("on ", StringComparison.Ordinal)) day = day[3..];
        if (day.StartsWith("this ", StringComparison.Ordinal)) day = day[5..];
        if (day.StartsWith("next ", StringComparison.Ordinal))
        {
            next = true;
            day = day[5..];
        }
        switch (day)
        {
            case "today" or "tonight" or "this evening" or "this afternoon" or "this morning": return !next;
            case "tomorrow" or "tmrw" or "tomorrow night" or "tomorrow evening" or "tomorrow morning" or "tomorrow afternoon":
                date = today.AddDays(1);
                return !next;
            case "the day after tomorrow":
                date = today.AddDays(2);
                return true;
        }
        if (Weekdays.TryGetValue(day.TrimEnd('s'), out var wd) || Weekdays.TryGetValue(day, out wd))
        {
            weekday = wd;
            return true;
        }
        var inDays = InDays().Match(day);
        if (inDays.Success && TryCount(inDays.Groups["n"].Value, out var days))
        {
            var unit = inDays.Groups["unit"].Value.StartsWith("week", StringComparison.Ordinal) ? 7 : 1;
            if (days * unit is < 1 or > 366) return false;
            date = today.AddDays(days * unit);
            return !next;
        }
        return !next && TryCalendarDate(day, today, out date);
    }

    private static bool TryCalendarDate(string day, DateOnly today, out DateOnly date)
    {
        date = default;
        var iso = IsoDate().Match(day);
        if (iso.Success)
            return DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        var dm = DayMonth().Match(day);
        string dayText, monthText;
        if (dm.Success) (dayText, monthText) = (dm.Groups["d"].Value, dm.Groups["mon"].Value);
        else if (MonthDay().Match(day) is { Success: true } md) (dayText, monthText) = (md.Groups["d"].Value, md.Groups["mon"].Value);
        else return false;
        var key = monthText.Length >= 4 && Months.ContainsKey(monthText[..4]) ? monthText[..4] : monthText[..Math.Min(3, monthText.Length)];
        if (!Months.TryGetValue(key, out var month)) return false;
        var d = int.Parse(dayText, CultureInfo.InvariantCulture);
        if (d < 1 || d > DateTime.DaysInMonth(today.Year, month)) return false;
        date = new DateOnly(today.Year, month, d);
        // A date already gone this year is next year's.
        if (date < today) date = date.AddYears(1);
        return true;
    }

    private static bool TryTime(string time, out TimeOnly value)
    {
        value = default;
        time = time.Trim();
        return time.Length > 0 && Recognizers.TryTimeOfDay(time, out value);
    }

    private static bool TryCount(string text, out int n)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n)) return true;
        return SmallNumbers.TryGetValue(text, out n);
    }

    // The day part, then an optional "at"/"around", then the time (which may also be a word such as "evening").
    [GeneratedRegex(@"^(?<day>.+?)(?:,)?\s+(?:at\s+|around\s+|about\s+|from\s+|in\s+the\s+)?(?<time>[0-9]{1,2}(?:[:.h][0-9]{2})?\s*(?:a\.?m\.?|p\.?m\.?|h)?|morning|afternoon|evening|night|noon|midday|lunchtime)$")]
    private static partial Regex DayThenTime();

    [GeneratedRegex(@"^in\s+(?<n>[0-9]{1,3}|a couple of|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?<unit>days?|weeks?)$")]
    private static partial Regex InDays();

    [GeneratedRegex(@"^in\s+(?<n>[0-9]{1,2}|a couple of|a few|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+hours?$")]
    private static partial Regex InHours();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?:the\s+)?(?<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?<mon>[a-z]{3,9})$")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"^(?<mon>[a-z]{3,9})\s+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?$")]
    private static partial Regex MonthDay();
}
