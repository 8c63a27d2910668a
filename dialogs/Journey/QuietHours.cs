using System.Globalization;

namespace TrustBot.Journey;

/// <summary>The local hours in which nothing is sent, e.g. 22:00–08:00 (may wrap past midnight).</summary>
internal readonly record struct QuietHours(TimeOnly Start, TimeOnly End)
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
