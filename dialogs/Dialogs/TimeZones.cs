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

        // The names people use for zones instead of a city ("eastern", "PST", "CET").
        ["eastern"] = "America/New_York", ["et"] = "America/New_York", ["est"] = "America/New_York", ["edt"] = "America/New_York",
        ["central"] = "America/Chicago", ["ct"] = "America/Chicago", ["cst"] = "America/Chicago", ["cdt"] = "America/Chicago",
        ["mountain"] = "America/Denver", ["mt"] = "America/Denver", ["mst"] = "America/Denver", ["mdt"] = "America/Denver",
        ["pacific"] = "America/Los_Angeles", ["pt"] = "America/Los_Angeles", ["pst"] = "America/Los_Angeles", ["pdt"] = "America/Los_Angeles",
        ["alaska"] = "America/Anchorage", ["akst"] = "America/Anchorage", ["hawaii"] = "Pacific/Honolulu", ["hst"] = "Pacific/Honolulu",
        ["arizona"] = "America/Phoenix", ["atlantic"] = "America/Halifax", ["newfoundland"] = "America/St_Johns",
        ["bst"] = "Europe/London", ["british"] = "Europe/London", ["cet"] = "Europe/Berlin", ["cest"] = "Europe/Berlin",
        ["central european"] = "Europe/Berlin", ["eet"] = "Europe/Athens", ["eastern european"] = "Europe/Athens", ["wet"] = "Europe/Lisbon",
        ["aest"] = "Australia/Sydney", ["aedt"] = "Australia/Sydney", ["acst"] = "Australia/Adelaide", ["awst"] = "Australia/Perth",
        ["nzst"] = "Pacific/Auckland", ["nzdt"] = "Pacific/Auckland", ["jst"] = "Asia/Tokyo", ["kst"] = "Asia/Seoul", ["sgt"] = "Asia/Singapore",
        ["hkt"] = "Asia/Hong_Kong", ["pht"] = "Asia/Manila", ["wat"] = "Africa/Lagos", ["cat"] = "Africa/Maputo", ["eat"] = "Africa/Nairobi",
        ["sast"] = "Africa/Johannesburg",

        // Countries with one time zone: people name where they live.
        ["uk"] = "Europe/London", ["u.k"] = "Europe/London", ["united kingdom"] = "Europe/London", ["england"] = "Europe/London",
        ["scotland"] = "Europe/London", ["wales"] = "Europe/London", ["northern ireland"] = "Europe/London", ["britain"] = "Europe/London",
        ["great britain"] = "Europe/London", ["gb"] = "Europe/London", ["ireland"] = "Europe/Dublin", ["germany"] = "Europe/Berlin",
        ["france"] = "Europe/Paris", ["spain"] = "Europe/Madrid", ["italy"] = "Europe/Rome", ["netherlands"] = "Europe/Amsterdam",
        ["holland"] = "Europe/Amsterdam", ["belgium"] = "Europe/Brussels", ["switzerland"] = "Europe/Zurich", ["austria"] = "Europe/Vienna",
        ["sweden"] = "Europe/Stockholm", ["norway"] = "Europe/Oslo", ["denmark"] = "Europe/Copenhagen", ["finland"] = "Europe/Helsinki",
        ["poland"] = "Europe/Warsaw", ["czechia"] = "Europe/Prague", ["czech republic"] = "Europe/Prague", ["hungary"] = "Europe/Budapest",
        ["romania"] = "Europe/Bucharest", ["greece"] = "Europe/Athens", ["turkey"] = "Europe/Istanbul", ["ukraine"] = "Europe/Kyiv",
        ["israel"] = "Asia/Jerusalem", ["egypt"] = "Africa/Cairo", ["nigeria"] = "Africa/Lagos", ["ghana"] = "Africa/Accra",
        ["kenya"] = "Africa/Nairobi", ["south africa"] = "Africa/Johannesburg", ["uae"] = "Asia/Dubai", ["united arab emirates"] = "Asia/Dubai",
        ["saudi arabia"] = "Asia/Riyadh", ["pakistan"] = "Asia/Karachi", ["india"] = "Asia/Kolkata", ["bangladesh"] = "Asia/Dhaka",
        ["sri lanka"] = "Asia/Colombo", ["nepal"] = "Asia/Kathmandu", ["thailand"] = "Asia/Bangkok", ["vietnam"] = "Asia/Ho_Chi_Minh",
        ["philippines"] = "Asia/Manila", ["malaysia"] = "Asia/Kuala_Lumpur", ["china"] = "Asia/Shanghai", ["taiwan"] = "Asia/Taipei",
        ["japan"] = "Asia/Tokyo", ["korea"] = "Asia/Seoul", ["south korea"] = "Asia/Seoul", ["new zealand"] = "Pacific/Auckland",
        ["nz"] = "Pacific/Auckland", ["jamaica"] = "America/Jamaica", ["colombia"] = "America/Bogota", ["peru"] = "America/Lima",
        ["argentina"] = "America/Argentina/Buenos_Aires", ["chile"] = "America/Santiago", ["portugal"] = "Europe/Lisbon",
        ["french"] = "Europe/Paris", ["german"] = "Europe/Berlin", ["italian"] = "Europe/Rome", ["spanish"] = "Europe/Madrid",
        ["dutch"] = "Europe/Amsterdam", ["irish"] = "Europe/Dublin", ["indian"] = "Asia/Kolkata", ["japanese"] = "Asia/Tokyo",
        ["central europe"] = "Europe/Berlin", ["cape town"] = "Africa/Johannesburg", ["ny"] = "America/New_York",

        // The US: coasts and the states that lie in one zone.
        ["east coast"] = "America/New_York", ["west coast"] = "America/Los_Angeles", ["california"] = "America/Los_Angeles",
        ["oregon"] = "America/Los_Angeles", ["nevada"] = "America/Los_Angeles", ["washington state"] = "America/Los_Angeles",
        ["colorado"] = "America/Denver", ["utah"] = "America/Denver", ["new mexico"] = "America/Denver", ["montana"] = "America/Denver",
        ["illinois"] = "America/Chicago", ["minnesota"] = "America/Chicago", ["wisconsin"] = "America/Chicago", ["missouri"] = "America/Chicago",
        ["iowa"] = "America/Chicago", ["louisiana"] = "America/Chicago", ["alabama"] = "America/Chicago", ["mississippi"] = "America/Chicago",
        ["arkansas"] = "America/Chicago", ["oklahoma"] = "America/Chicago", ["texas"] = "America/Chicago", ["new york state"] = "America/New_York",
        ["new jersey"] = "America/New_York", ["pennsylvania"] = "America/New_York", ["ohio"] = "America/New_York", ["georgia"] = "America/New_York",
        ["north carolina"] = "America/New_York", ["south carolina"] = "America/New_York", ["virginia"] = "America/New_York",
        ["massachusetts"] = "America/New_York", ["maryland"] = "America/New_York", ["connecticut"] = "America/New_York",
        ["west virginia"] = "America/New_York", ["maine"] = "America/New_York", ["vermont"] = "America/New_York",
        ["new hampshire"] = "America/New_York", ["rhode island"] = "America/New_York", ["delaware"] = "America/New_York",
    };

    private static readonly (string Name, (string Title, string Zone)[] Zones) UnitedStates =
        ("The US", [("Eastern", "America/New_York"), ("Central", "America/Chicago"), ("Mountain", "America/Denver"), ("Pacific", "America/Los_Angeles"), ("Alaska", "America/Anchorage"), ("Hawaii", "Pacific/Honolulu")]);

    private static readonly (string Name, (string Title, string Zone)[] Zones) Canada = ("Canada", [("Pacific (Vancouver)", "America/Vancouver"), ("Mountain (Edmonton)", "America/Edmonton"), ("Central (Winnipeg)", "America/Winnipeg"), ("Eastern (Toronto)", "America/Toronto"), ("Atlantic (Halifax)", "America/Halifax")]);

    private static readonly (string Name, (string Title, string Zone)[] Zones) Australia = ("Australia", [("Sydney, Melbourne", "Australia/Sydney"), ("Brisbane", "Australia/Brisbane"), ("Adelaide", "Australia/Adelaide"), ("Perth", "Australia/Perth")]);

    // Countries with several time zones: the person is asked which one, with the main ones as buttons.
    private static readonly Dictionary<string, (string Name, (string Title, string Zone)[] Zones)> Regions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["us"] = UnitedStates, ["usa"] = UnitedStates, ["u.s"] = UnitedStates, ["u.s.a"] = UnitedStates, ["america"] = UnitedStates,
        ["united states"] = UnitedStates, ["the states"] = UnitedStates, ["states"] = UnitedStates, ["american"] = UnitedStates,
        ["canada"] = Canada, ["canadian"] = Canada,
        ["australia"] = Australia, ["australian"] = Australia,
        ["mexico"] = ("Mexico", [("Mexico City", "America/Mexico_City"), ("Tijuana", "America/Tijuana"), ("Cancún", "America/Cancun")]),
        ["brazil"] = ("Brazil", [("São Paulo, Rio", "America/Sao_Paulo"), ("Manaus", "America/Manaus")]),
        ["russia"] = ("Russia", [("Moscow", "Europe/Moscow"), ("Yekaterinburg", "Asia/Yekaterinburg"), ("Novosibirsk", "Asia/Novosibirsk"), ("Vladivostok", "Asia/Vladivostok")]),
        ["indonesia"] = ("Indonesia", [("Jakarta", "Asia/Jakarta"), ("Bali, Makassar", "Asia/Makassar"), ("Jayapura", "Asia/Jayapura")]),
    };

    /// <summary>Every zone the names and countries above stand for (tests check each is in the database).</summary>
    internal static IEnumerable<string> NamedZones => Aliases.Values.Concat(Regions.Values.SelectMany(r => r.Zones.Select(z => z.Zone))).Distinct();

    /// <summary>Resolves the input to a time zone id usable with <see cref="Find"/>.</summary>
    public static bool TryResolve(string? input, out string zoneId)
    {
        zoneId = "";
        var t = Recognizers.Normalize(input);
        if (t.Length == 0 || t.Length > 64) return false;
        foreach (var part in Parts(t))
        {
            if (Resolve(part, out zoneId)) return true;
        }

        var candidate = input!.Trim().Replace(' ', '_');
        if (candidate.Contains('/') && Ids.Value.TryGetValue(candidate, out var id))
        {
            zoneId = id;
            return true;
        }

        return TryPlacesInside(t, out zoneId);
    }

    // "US eastern", "uk london", "Eastern time (US)": places and zone names side by side. Word pairs before single words
    // ("central europe" before "central"); only when every place named points to the same zone is it taken.
    private static bool TryPlacesInside(string normalized, out string zoneId)
    {
        zoneId = "";
        var words = WithoutFillers(normalized.Replace('(', ' ').Replace(')', ' ').Replace(',', ' '))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 6) return false;
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            if (i + 1 < words.Length && Named(words[i] + " " + words[i + 1]) is { } pair)
            {
                found.Add(pair);
                i++;
            }
            else if (Named(words[i]) is { } single)
            {
                found.Add(single);
            }
        }

        if (found.Count != 1) return false;
        zoneId = found.First();
        return true;
    }

    // A zone a word or two name: an everyday name or a city (not the research stations of Antarctica, whose names are
    // ordinary words).
    private static string? Named(string words) =>
        Aliases.TryGetValue(words, out var alias) && Exists(alias) ? alias
        : Cities.Value.TryGetValue(words, out var city) && !city.StartsWith("Antarctica/", StringComparison.Ordinal) ? city
        : null;

    /// <summary>
    /// True when the whole answer is a place or a zone, with at most the words people put around one ("I live in
    /// London", "eastern time"): nothing else was said. Stricter than <see cref="TryResolve"/>, which also finds a place
    /// inside a longer answer.
    /// </summary>
    public static bool IsOnlyAPlace(string? input)
    {
        var t = Recognizers.Normalize(input);
        if (t.Length == 0 || t.Length > 64) return false;
        var bare = WithoutFillers(t);
        return Resolve(t, out _) || (bare.Length > 0 && !bare.Contains(',') && Resolve(bare, out _));
    }

    /// <summary>
    /// When the input names a country with several time zones ("US", "I'm in Canada"): its name and the main zones,
    /// to be offered as choices.
    /// </summary>
    public static bool TryRegions(string? input, out string country, out IReadOnlyList<Choice> zones)
    {
        foreach (var part in Parts(Recognizers.Normalize(input)))
        {
            if (Regions.TryGetValue(part, out var regions))
            {
                country = regions.Name;
                zones = [.. regions.Zones.Select(z => new Choice { Value = z.Zone, Title = z.Title })];
                return true;
            }
        }

        country = "";
        zones = [];
        return false;
    }

    // "I'm in the UK", "eastern time", "london, uk": the whole answer without the words around a place or a zone,
    // then each comma-separated part of it.
    private static IEnumerable<string> Parts(string normalized)
    {
        if (normalized.Length == 0) yield break;
        var bare = WithoutFillers(normalized);
        yield return normalized;
        if (bare.Length > 0 && bare != normalized) yield return bare;
        foreach (var part in bare.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part != bare) yield return part;
        }
    }

    /// <summary>The words around a place or a zone removed ("i'm in the uk" → "uk", "eastern time" → "eastern").</summary>
    private static string WithoutFillers(string normalized) =>
        Recognizers.Spaces().Replace(PlaceFillers().Replace(normalized, " "), " ").Trim(' ', '.');

    private static bool Resolve(string t, out string zoneId)
    {
        zoneId = "";
        // An older time zone database may lack a newer name (Europe/Kyiv): then the other lookups get their turn.
        if (Aliases.TryGetValue(t, out var alias) && Exists(alias))
        {
            zoneId = alias;
            return true;
        }

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
        // Turns look the person's zone up several times: the system's lookup takes a process-wide lock (turns
        // running side by side queued on it) and an offset zone was built anew each time. Ids come from profiles,
        // so there are few of them; the bound only guards against a flood of damaged ones.
        if (Found.TryGetValue(zoneId, out var known)) return known;
        var zone = FindUncached(zoneId);
        if (Found.Count < MaxFound) Found.TryAdd(zoneId, zone);
        return zone;
    }

    private const int MaxFound = 2048;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Found = new(StringComparer.Ordinal);

    private static TimeZoneInfo FindUncached(string zoneId)
    {
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

    [GeneratedRegex(@"\b(?:i\s*['’]?m|i\s+am|we\s*['’]?re|we\s+are|i\s+live|we\s+live|i\s*['’]?m\s+based|based|living|live|in|the|my|our|its|it\s*['’]?s|time\s*zones?|timezones?|time|zone|standard|daylight|summer|winter|here|please|thanks)\b")]
    private static partial Regex PlaceFillers();

    [GeneratedRegex(@"^UTC(?<s>[+-])(?<o>[0-9]{2}:[0-9]{2})$")]
    private static partial Regex StoredOffsetPattern();
}
