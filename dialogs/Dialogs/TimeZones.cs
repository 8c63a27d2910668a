using System.Globalization;
using System.Text.RegularExpressions;

namespace TrustBot.Dialogs;

/// <summary>
/// Resolves what a person types as their time zone: an IANA name ("Europe/Berlin"), a city
/// ("berlin", "new york"), or a UTC offset ("UTC+2", "GMT-05:00", "+05:30"), always checked
/// against the system's time zone database. Offsets are kept as "UTC+hh:mm".
/// </summary>
internal static partial class TimeZones
{
    private static readonly Lazy<Dictionary<string, string>> Cities = new(BuildCityIndex);

    // The database's ids are case-sensitive file names on Linux; people type them in any case.
    private static readonly Lazy<Dictionary<string, string>> Ids = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(id => id, StringComparer.OrdinalIgnoreCase));

    // Common names that are not the last part of an IANA id.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nyc"] = "America/New_York", ["new york city"] = "America/New_York", ["la"] = "America/Los_Angeles",
        ["san francisco"] = "America/Los_Angeles", ["seattle"] = "America/Los_Angeles", ["boston"] = "America/New_York",
        ["washington"] = "America/New_York", ["miami"] = "America/New_York", ["atlanta"] = "America/New_York",
        ["dallas"] = "America/Chicago", ["houston"] = "America/Chicago", ["austin"] = "America/Chicago",
        ["munich"] = "Europe/Berlin", ["hamburg"] = "Europe/Berlin", ["frankfurt"] = "Europe/Berlin", ["cologne"] = "Europe/Berlin",
        ["manchester"] = "Europe/London", ["edinburgh"] = "Europe/London", ["glasgow"] = "Europe/London", ["birmingham"] = "Europe/London",
        ["barcelona"] = "Europe/Madrid", ["milan"] = "Europe/Rome", ["geneva"] = "Europe/Zurich", ["mumbai"] = "Asia/Kolkata",
        ["delhi"] = "Asia/Kolkata", ["new delhi"] = "Asia/Kolkata", ["bangalore"] = "Asia/Kolkata", ["beijing"] = "Asia/Shanghai",
        ["montreal"] = "America/Toronto", ["ottawa"] = "America/Toronto", ["utc"] = "Etc/UTC", ["gmt"] = "Etc/UTC",
    };

    /// <summary>Resolves the input to a time zone id usable with <see cref="Find"/>.</summary>
    public static bool TryResolve(string? input, out string zoneId)
    {
        zoneId = "";
        var t = Recognizers.Normalize(input);
        if (t.Length == 0 || t.Length > 64) return false;

        if (Aliases.TryGetValue(t, out var alias)) return Exists(zoneId = alias);

        var offset = OffsetPattern().Match(t);
        if (offset.Success)
        {
            var sign = offset.Groups["s"].Value == "-" ? -1 : 1;
            var hours = int.Parse(offset.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = offset.Groups["m"].Success ? int.Parse(offset.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes is not (0 or 30 or 45)) return false;
            zoneId = FormatOffset(sign * new TimeSpan(hours, minutes, 0));
            return true;
        }

        var candidate = input!.Trim().Replace(' ', '_');
        if (candidate.Contains('/') && Ids.Value.TryGetValue(candidate, out var id))
        {
            zoneId = id;
            return true;
        }
        if (Cities.Value.TryGetValue(t, out var city))
        {
            zoneId = city;
            return true;
        }
        return false;
    }

    /// <summary>The time zone for an id produced by <see cref="TryResolve"/>; UTC when unknown.</summary>
    public static TimeZoneInfo Find(string? zoneId)
    {
        if (string.IsNullOrEmpty(zoneId)) return TimeZoneInfo.Utc;
        var offset = StoredOffsetPattern().Match(zoneId);
        if (offset.Success)
        {
            var span = TimeSpan.ParseExact(offset.Groups["o"].Value, @"hh\:mm", CultureInfo.InvariantCulture);
            if (offset.Groups["s"].Value == "-") span = -span;
            return TimeZoneInfo.CreateCustomTimeZone(zoneId, span, zoneId, zoneId);
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>A friendly label, e.g. "Europe/Berlin" or "UTC+05:30".</summary>
    public static string Describe(string zoneId) => zoneId.Replace('_', ' ');

    private static bool Exists(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static string FormatOffset(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> BuildCityIndex()
    {
        var index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (!zone.HasIanaId || !zone.Id.Contains('/') || zone.Id.StartsWith("Etc/", StringComparison.Ordinal)) continue;
            var city = zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ').ToLowerInvariant();
            index.TryAdd(city, zone.Id);
        }
        return index;
    }

    [GeneratedRegex(@"^(?:utc|gmt)?\s*(?<s>[+-])\s*(?<h>[0-9]{1,2})(?::?(?<m>[0-9]{2}))?$")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"^UTC(?<s>[+-])(?<o>[0-9]{2}:[0-9]{2})$")]
    private static partial Regex StoredOffsetPattern();
}
