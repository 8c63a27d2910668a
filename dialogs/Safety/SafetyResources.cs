namespace TrustBot.Safety;

/// <summary>
/// Crisis resources per country, bound from the configuration section <c>Safety:Resources</c>: each key is an
/// ISO 3166 country code (<c>GB</c>, <c>US</c>, …) or <c>default</c>, each value the lines to show, in order.
/// Keys are case-insensitive.
/// </summary>
/// <example>
/// <code>
/// "Safety": { "Resources": {
///   "default": [ "If you are in immediate danger, call your local emergency number now." ],
///   "GB": [ "Emergency: 999", "Samaritans: call 116 123 (free, any time)" ] } }
/// </code>
/// </example>
public sealed class SafetyResources : Dictionary<string, List<string>>
{
    /// <summary>The configuration section this binds to.</summary>
    public const string Section = "Safety:Resources";

    /// <summary>The key used when no country matches.</summary>
    public const string DefaultKey = "default";

    /// <summary>Shown when configuration has no usable lines at all, so a person in danger is never left with nothing.</summary>
    public static IReadOnlyList<string> BuiltInFallback { get; } =
    [
        "If you are in immediate danger, call your local emergency number now.",
        "Find a free, confidential helpline in your country at https://findahelpline.com",
    ];

    /// <summary>Creates an empty set (keys compared case-insensitively).</summary>
    public SafetyResources()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    /// <summary>
    /// The lines for a country code (<c>"GB"</c>) or a locale (<c>"en-GB"</c>, <c>"en_GB"</c>, <c>"zh-Hant-TW"</c>),
    /// falling back to the <c>default</c> entry and then to <see cref="BuiltInFallback"/>. Never empty.
    /// </summary>
    public IReadOnlyList<string> For(string? countryOrLocale)
    {
        var country = CountryOf(countryOrLocale);
        if (country is not null && Lines(country) is { Count: > 0 } forCountry)
        {
            return forCountry;
        }

        return Lines(DefaultKey) is { Count: > 0 } fallback ? fallback : BuiltInFallback;
    }

    private List<string>? Lines(string key)
    {
        if (!TryGetValue(key, out var lines))
        {
            // A binder may have replaced the comparer-carrying instance's entries with differently cased keys.
            foreach (var (k, v) in this)
            {
                if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
                {
                    lines = v;
                    break;
                }
            }
        }

        return lines?.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();
    }

    // "GB" → GB; "en-GB", "en_gb" → GB; "zh-Hant-TW" → TW; "en" or "en-001" → none (no country in it).
    private static string? CountryOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Trim().Split('-', '_');
        if (parts.Length == 1)
        {
            return parts[0].Length == 2 && IsAsciiLetters(parts[0]) ? parts[0].ToUpperInvariant() : null;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length == 2 && IsAsciiLetters(parts[i]))
            {
                return parts[i].ToUpperInvariant();
            }
        }

        return null;

        static bool IsAsciiLetters(string s) => s.All(char.IsAsciiLetter);
    }
}
