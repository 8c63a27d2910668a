using System.Globalization;
using System.Text.RegularExpressions;

namespace TrustBot.Dialogs;

/// <summary>Times of day, as clock times or parts of the day.</summary>
internal static partial class Recognizers
{
    /// <summary>Reads a time of day: "7pm", "7 pm", "19:00", "7:30am", "19h", "seven pm", "8 in the evening", "noon", "morning".</summary>
    public static bool TryTimeOfDay(string? text, out TimeOnly time)
    {
        time = default;
        var t = Normalize(text);
        if (t.Length == 0) return false;
        t = Spaces().Replace(TimeFillers().Replace(t, " ").Trim(), " ");
        if (PartOfDay(t) is { } named)
        {
            time = named;
            return true;
        }

        // "seven pm", "half past seven": number words become digits first.
        t = string.Join(' ', t.Split(' ').Select(w => NumberWords.TryGetValue(w, out var n) ? n.ToString(CultureInfo.InvariantCulture) : w));
        string? half = null;
        var dayPart = DayPart().Match(t);
        if (dayPart.Success)
        {
            half = dayPart.Groups["part"].Value is "morning" ? "am" : "pm";
            t = t[..dayPart.Index].Trim();
        }

        if (ClockTime(t, half) is not { } clock) return false;
        time = clock;
        return true;
    }

    /// <summary>A part of the day said alone ("evening", "before bed"), as the hour people usually mean by it.</summary>
    private static TimeOnly? PartOfDay(string t) => t switch
    {
        "morning" or "in the morning" or "mornings" or "the morning" => new TimeOnly(9, 0),
        "noon" or "midday" or "lunchtime" or "lunch" or "lunch time" => new TimeOnly(12, 0),
        "afternoon" or "in the afternoon" or "afternoons" => new TimeOnly(15, 0),
        "evening" or "in the evening" or "evenings" or "after work" or "after dinner" or "the evening" => new TimeOnly(19, 0),
        "night" or "at night" or "tonight" or "before bed" or "bedtime" => new TimeOnly(21, 0),
        "midnight" => new TimeOnly(0, 0),
        _ => null,
    };

    /// <summary>A clock time ("7pm", "19:00", "7:30 am", "19h"); <paramref name="half"/> is the am or pm a part of the
    /// day gave ("8 in the evening").</summary>
    private static TimeOnly? ClockTime(string t, string? half)
    {
        var m = TimePattern().Match(t);
        if (!m.Success || !int.TryParse(m.Groups["h"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var hour)) return null;
        var minute = 0;
        if (m.Groups["m"].Success && !int.TryParse(m.Groups["m"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out minute)) return null;
        var ampm = m.Groups["ampm"].Success && m.Groups["ampm"].Value.Length > 0 ? m.Groups["ampm"].Value : half ?? "";
        if (minute > 59) return null;
        if (ampm.Length > 0)
        {
            if (hour is < 1 or > 12) return null;
            if (ampm.StartsWith('p') && hour != 12) hour += 12;
            if (ampm.StartsWith('a') && hour == 12) hour = 0;
        }
        else if (!m.Groups["m"].Success && !m.Groups["hsuffix"].Success)
        {
            // A bare "7" could be morning or evening; the prompt asks again rather than guess.
            return null;
        }

        return hour is < 0 or > 23 ? null : new TimeOnly(hour, minute);
    }

    [GeneratedRegex(@"^(?<h>[0-9]{1,2})(?:(?:[:.h](?<m>[0-9]{2}))|(?<hsuffix>h))?\s*(?<ampm>a\.?m\.?|p\.?m\.?)?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\b(?:at|around|about|by|maybe|say|please|pls|ish|o'?clock|every day|each day|daily|would be good|works|is good|is fine|is best|sounds good)\b|-?ish\b|[,!?]")]
    private static partial Regex TimeFillers();

    [GeneratedRegex(@"\s*(?:in the |at |this )?(?<part>morning|evening|night|afternoon|tonight)$")]
    private static partial Regex DayPart();
}
