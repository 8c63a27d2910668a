using System.Text.RegularExpressions;

namespace TrustBot.Journey.Steps;

/// <summary>
/// Finds blaming phrases ("you always", "you never", "your fault", "you made me" and their close variants)
/// in an "I feel … when … because …" statement. Pure and safe on any input.
/// </summary>
public static partial class BlameCheck
{
    /// <summary>The blaming phrases found, lower-case and in the order they appear, each once.</summary>
    public static IReadOnlyList<string> Find(string? statement)
    {
        if (string.IsNullOrWhiteSpace(statement)) return [];
        var text = Normalize(statement);
        return BlamePattern().Matches(text)
            .Select(m => Spaces().Replace(m.Value, " "))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when the statement contains a blaming phrase.</summary>
    public static bool Blames(string? statement) => Find(statement).Count > 0;

    private static string Normalize(string text) =>
        text.ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('`', '\'');

    // "you're always", "you are never", "you'd always", "you constantly", "it's your fault", "you made/make me", "because of you".
    [GeneratedRegex(
        @"\byou(?:'re|\s+are|'d|\s+would|\s+just)?\s+(?:always|never|constantly|forever)\b"
        + @"|\b(?:all\s+)?your\s+(?:own\s+)?fault\b"
        + @"|\byou(?:'ve|\s+have)?\s+(?:made|make|makes|making|forced|force)\s+me\b"
        + @"|\bbecause\s+of\s+you\b"
        + @"|\byou\s+ruin(?:ed|s)?\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex BlamePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
