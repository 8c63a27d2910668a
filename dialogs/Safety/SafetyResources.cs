namespace TrustBot.Safety;

/// <summary>
/// Crisis resources per country, from the configuration section <c>Safety:Resources</c>: each key is an ISO 3166
/// country code (<c>GB</c>, <c>US</c>, …) or <c>default</c>. A value is either the lines to call, in order, or an
/// object with <c>call</c>, <c>text</c> and <c>chat</c> lines; the text and chat lines are what someone who cannot
/// talk freely is shown. Keys are case-insensitive. The dictionary itself holds the call lines.
/// </summary>
/// <example>
/// <code>
/// "Safety": { "Resources": {
///   "default": [ "If you are in immediate danger, call your local emergency number now." ],
///   "GB": { "call": [ "Emergency: 999", "Samaritans: call 116 123 (free, any time)" ],
///           "text": [ "Shout: text SHOUT to 85258 (free, any time)" ] } } }
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

    /// <summary>Shown to someone who cannot talk freely when configuration has no text or chat lines for them.</summary>
    public static IReadOnlyList<string> BuiltInQuietFallback { get; } =
    [
        "Many helplines also answer by text message or online chat; find one for your country at https://findahelpline.com",
    ];

    /// <summary>Text-message lines per country (same keys as the call lines).</summary>
    public Dictionary<string, List<string>> Text { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Web chat lines per country (same keys as the call lines).</summary>
    public Dictionary<string, List<string>> Chat { get; } = new(StringComparer.OrdinalIgnoreCase);

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

    /// <summary>
    /// The ways to reach someone without speaking (text lines, then web chats) for a country code or locale, falling
    /// back to the <c>default</c> entry and then to <see cref="BuiltInQuietFallback"/>. Never empty.
    /// </summary>
    public IReadOnlyList<string> QuietFor(string? countryOrLocale)
    {
        var country = CountryOf(countryOrLocale);
        if (country is not null && Quiet(country) is { Count: > 0 } forCountry)
        {
            return forCountry;
        }

        return Quiet(DefaultKey) is { Count: > 0 } fallback ? fallback : BuiltInQuietFallback;
    }

    private List<string> Quiet(string key) => [.. Lines(Text, key) ?? [], .. Lines(Chat, key) ?? []];

    private List<string>? Lines(string key) => Lines(this, key);

    private static List<string>? Lines(Dictionary<string, List<string>> source, string key)
    {
        if (!source.TryGetValue(key, out var lines))
        {
            // A binder may have replaced the comparer-carrying instance's entries with differently cased keys.
            foreach (var (k, v) in source)
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
