using System.Globalization;
using System.Text.RegularExpressions;

namespace TrustBot.Dialogs;

/// <summary>A name, as people give it when asked what to call them.</summary>
internal static partial class Recognizers
{
    // What comes after "I'm" or "it's" when it is not a name ("I'm not comfortable with that", "I'm fine").
    private static readonly HashSet<string> NotNameStarts = new(StringComparer.Ordinal)
    {
        "not", "no", "a", "an", "the", "so", "really", "very", "here", "just", "fine", "ok", "okay", "good", "great", "sorry", "nobody",
        "none", "confused", "unsure", "scared", "tired", "sad", "hurt", "lost", "done", "still", "going", "trying", "kind", "sort", "pretty",
    };

    // A bare refusal at the name question: no name, as "skip" is.
    private static readonly HashSet<string> Declines = new(StringComparer.Ordinal) { "no", "nope", "nah", "no thanks", "no thank you", "pass" };

    /// <summary>
    /// The name in an answer to "what should I call you?": the lead-in people put before it removed ("I'm Sam",
    /// "my name is Alex", "call me Mo", "its jamie"), cut where a sentence goes on ("Dani, and I need help"), and
    /// capitalised when typed all in lower case. Null when the words after a lead-in are not a name ("I'm not sure").
    /// </summary>
    public static string? PersonName(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Declines.Contains(Normalize(text))) return null;
        var match = NameAnswer().Match(text.Trim());
        var name = match.Groups["name"].Value.Trim().TrimEnd('.', ':', ';', ')', '(', '-', '~', '*').TrimEnd();
        if (name.Length == 0) return null;
        var first = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].ToLowerInvariant();
        if (match.Groups["lead"].Success && NotNameStarts.Contains(first.Replace("'", "", StringComparison.Ordinal))) return null;
        return name.Any(char.IsUpper) ? name : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name);
    }

    // A greeting, then a lead-in ("my name is", "call me", "I go by", "just"), then the name, up to where the sentence goes
    // on: a comma, a full stop that does not end a title ("Mr. Smith"), "and", "but", "is fine", a laugh or a kiss.
    [GeneratedRegex(@"^(?:(?:hi|hello|hey|hiya)\b[\s,!.]*)?(?<lead>(?:my\s+name\s+is|my\s+names?['’]?s?|the\s+name\s+is|the\s+names?['’]?s?|names?['’]?s?\s+is|names?['’]?s|(?:you\s+can\s+|u\s+can\s+|just\s+|please\s+)*call\s+me|i\s*['’]?m\s+called|i\s+am\s+called|i\s+go\s+by|(?:people|everyone|everybody|friends|they|most\s+people)\s+calls?\s+me|this\s+is|it\s*['’]?s|it\s+is|i\s*['’]?m|i\s+am|just)\s+)?(?<name>.+?)(?:\s*(?:[,;!?]|(?<!\b(?:mr|mrs|ms|dr|st|jr))\.(?:\s|$))|\s+(?:and|but|btw|lol|haha|here|thanks|thank\s+you|please|x+|is\s+(?:fine|ok|okay|good)|works|will\s+do)\b|\s*[:;]-?[)(dp]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameAnswer();
}
