using System.Text.RegularExpressions;

namespace TrustBot.Journey.Steps;

/// <summary>
/// Finds blaming phrases ("you always", "you never", "your fault", "you made me" and their close variants),
/// counter-accusations ("but you also…", "you have to admit", "we're even"), minimising ("it was only…",
/// "I didn't want to worry you") and conditional apologies ("sorry if") in an "I feel … when … because …"
/// statement. Pure and safe on any input; people type without apostrophes, so both forms are matched.
/// </summary>
internal static partial class BlameCheck
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

    // "you're always", "you are never", "you'd always", "you constantly", "it's your fault", "you made/make me", "because of you";
    // counter-accusations ("but you also", "you also never", "you have to admit", "so we're kind of even");
    // minimising ("it was only", unless the person is quoting someone: "when you say it was only…") and
    // "I didn't want to worry you"; the conditional "sorry if".
    [GeneratedRegex(
        @"\byou(?:'re|re|\s+are|'d|\s+would|\s+just)?\s+(?:always|never|constantly|forever)\b"
        + @"|\b(?:all\s+)?your\s+(?:own\s+)?fault\b"
        + @"|\byou(?:'ve|ve|\s+have)?\s+(?:made|make|makes|making|forced|force)\s+me\b"
        + @"|\bbecause\s+of\s+you\b"
        + @"|\byou\s+ruin(?:ed|s)?\b"
        + @"|\bbut\s+you\s+(?:also|too)\b"
        + @"|\byou\s+also\s+(?:never|always|did|do|don't|dont|didn't|didnt|lied|hurt)\b"
        + @"|\byou\s+(?:have|need|got)\s+to\s+admit\b"
        + @"|\b(?:we're|we\s+are|so\s+were|now\s+were)\s+(?:kind\s+of\s+|kinda\s+|sort\s+of\s+|pretty\s+much\s+|basically\s+)?even\b"
        + @"|(?<!\b(?:say|says|said|saying|tell\s+me|told\s+me)\s+)\bit\s+was\s+(?:only|just)\b"
        + @"|\bi\s+(?:didn't|didnt|did\s+not)\s+want\s+to\s+(?:worry|upset|stress|bother|burden)\s+you\b"
        + @"|\bsorry\s+if\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex BlamePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
