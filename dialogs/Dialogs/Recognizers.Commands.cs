namespace TrustBot.Dialogs;

/// <summary>Commands with the polite words people put around them.</summary>
internal static partial class Recognizers
{
    /// <summary>
    /// The message with polite extra words at either end removed ("menu please" → "menu", "can you show me my
    /// progress" → "my progress"), for matching commands. Words in the middle are kept.
    /// </summary>
    public static string WithoutPoliteEdges(string? text)
    {
        var tokens = Tokens(text);
        var start = 0;
        var end = tokens.Count;
        // Only whole leading/trailing phrases go, so "stop lying to me" stays what it is.
        while (start < end && LeadingPolite.Contains(tokens[start])) start++;
        while (end > start && TrailingPolite.Contains(tokens[end - 1])) end--;
        return string.Join(' ', tokens.Skip(start).Take(end - start));
    }

    private static readonly HashSet<string> LeadingPolite = new(StringComparer.Ordinal)
    {
        "please", "pls", "plz", "can", "could", "would", "you", "i", "id", "like", "want", "to", "lets", "let", "me", "show", "take", "go", "open",
        "see", "ok", "okay", "so", "um", "uh", "hey", "hi", "trustbot", "just", "back", "now", "the", "need", "wanna", "gimme", "give",
    };

    private static readonly HashSet<string> TrailingPolite = new(StringComparer.Ordinal)
    {
        "please", "pls", "plz", "thanks", "thank", "you", "now", "again", "for", "me", "thx", "ty",
    };
}
